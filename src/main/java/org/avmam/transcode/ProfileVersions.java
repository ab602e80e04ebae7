package org.avmam.transcode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.avmam.common.Json;
import org.jboss.logging.Logger;

/**
 * Holds every profile version to its recipe. At start each profile's definition (as parsed, so
 * comments and layout do not count) is compared with the one recorded for its version: a new
 * version is recorded; the same version with another recipe stops the service, because renditions
 * of "version 2" must all have been made the same way for a rebuild of older versions to mean
 * anything. Several nodes on one database agree on their profiles the same way.
 */
@Startup
@ApplicationScoped
public class ProfileVersions {

    private static final Logger LOG = Logger.getLogger(ProfileVersions.class);

    private final ProfileRegistry profiles;
    private final EntityManager em;

    public ProfileVersions(ProfileRegistry profiles, EntityManager em) {
        this.profiles = profiles;
        this.em = em;
    }

    @PostConstruct
    void check() {
        List<String> errors = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (TranscodeProfile p : profiles.all()) {
                String definition = Json.write(p);
                String digest = sha256(definition);
                List<?> rows = em.createNativeQuery("SELECT sha256, recorded_at FROM transcode_profile WHERE name = ?1 AND version = ?2")
                        .setParameter(1, p.name()).setParameter(2, p.version()).getResultList();
                if (rows.isEmpty()) {
                    em.createNativeQuery("INSERT INTO transcode_profile (name, version, sha256, definition, recorded_at) "
                                    + "VALUES (?1, ?2, ?3, ?4, ?5)")
                            .setParameter(1, p.name()).setParameter(2, p.version()).setParameter(3, digest)
                            .setParameter(4, definition).setParameter(5, Instant.now()).executeUpdate();
                    LOG.infof("Transcode profile %s version %d recorded", p.name(), p.version());
                } else {
                    Object[] row = (Object[]) rows.getFirst();
                    if (!digest.equals(row[0])) {
                        errors.add(p.name() + ".yaml: the profile changed but its field version is still " + p.version()
                                + " (recorded " + row[1] + "); give it version " + (p.version() + 1)
                                + " so renditions made by version " + p.version() + " can be found and remade");
                    }
                }
            }
        });
        if (!errors.isEmpty()) {
            throw new IllegalStateException("transcode profiles changed without a new version:\n  " + String.join("\n  ", errors));
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
