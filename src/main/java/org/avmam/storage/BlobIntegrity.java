package org.avmam.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.avmam.api.ApiException;

/**
 * Whether an original may be handed out: a blob a fixity audit found damaged in every store is
 * refused wherever it would be delivered (download, package, share link), never served as sound.
 */
@ApplicationScoped
public class BlobIntegrity {

    private final EntityManager em;

    public BlobIntegrity(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public boolean damaged(String sha256) {
        return !em.createNativeQuery("SELECT 1 FROM blob WHERE sha256 = ?1 AND damaged_at IS NOT NULL").setParameter(1, sha256)
                .getResultList().isEmpty();
    }

    /** 409 with the reason when no sound copy of the asset's original is left. */
    public void requireSound(String sha256, UUID assetId) {
        if (damaged(sha256)) {
            throw new ApiException(409, "Original damaged", "the original of asset {0} (SHA-256 {1}) failed its fixity check in every store and no sound copy is left to repair it from; it is not served", assetId, sha256);
        }
    }
}
