package org.avmam.disposal;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.avmam.asset.Asset;
import org.avmam.audit.AuditLog;
import org.avmam.common.Json;
import org.avmam.config.AvmamConfig;
import org.avmam.jobs.Job;
import org.avmam.jobs.JobDeferred;
import org.avmam.jobs.JobHandler;
import org.avmam.jobs.JobType;
import org.avmam.provenance.Provenance;
import org.avmam.storage.StoreUnavailableException;

/**
 * The DISPOSE job: carries out an approved disposal or deletion. A legal hold placed since the
 * approval blocks it; otherwise the record disappears, the tombstone's snapshot is written, the
 * content is destroyed (Removal), and the tombstone is completed with the digests of what went.
 */
@ApplicationScoped
public class Disposer implements JobHandler {

    private final EntityManager em;
    private final Removal removal;
    private final DisposalService disposals;
    private final Provenance provenance;
    private final AuditLog audit;
    private final Duration retry;

    public Disposer(EntityManager em, Removal removal, DisposalService disposals, Provenance provenance, AuditLog audit, AvmamConfig config) {
        this.em = em;
        this.removal = removal;
        this.disposals = disposals;
        this.provenance = provenance;
        this.audit = audit;
        this.retry = config.storage().unavailableRetry();
    }

    @Override
    public JobType type() {
        return JobType.DISPOSE;
    }

    @Override
    public void run(Job job) throws Exception {
        long id = Long.parseLong(job.payload);
        Map<String, Object> tombstone = QuarkusTransaction.requiringNew().call(() -> {
            Disposal d = em.find(Disposal.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (d == null || d.state == Disposal.State.DONE || d.state == Disposal.State.BLOCKED) {
                return null;
            }
            Asset a = em.find(Asset.class, d.assetId, LockModeType.PESSIMISTIC_WRITE);
            if (d.kind == Disposal.Kind.DISPOSAL && a.legalHold != null) {
                d.state = Disposal.State.BLOCKED;
                return null;
            }
            Map<String, Object> t = d.tombstone == null ? DisposalService.snapshot(a, d, disposals.approvers(id))
                    : Json.read(d.tombstone, new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() {});
            d.tombstone = Json.write(t);
            removal.hide(a, d.kind == Disposal.Kind.DISPOSAL ? "DISPOSED" : "DELETED");
            return t;
        });
        if (tombstone == null) {
            return;
        }
        Removal.Destroyed destroyed;
        try {
            destroyed = removal.destroy(job.assetId);
        } catch (StoreUnavailableException e) {
            throw new JobDeferred(e.getMessage(), retry, e);
        }
        Map<String, Object> gone = new LinkedHashMap<>();
        gone.put("original", destroyed.original());
        gone.put("originalKeptBecause", destroyed.originalKeptBecause());
        gone.put("derived", destroyed.derived());
        tombstone.put("destroyed", gone);
        tombstone.put("destroyedAt", Instant.now().toString());
        QuarkusTransaction.requiringNew().run(() -> {
            Disposal d = em.find(Disposal.class, id, LockModeType.PESSIMISTIC_WRITE);
            d.tombstone = Json.write(tombstone);
            d.state = Disposal.State.DONE;
            d.doneAt = Instant.now();
            provenance.record(d.assetId, Provenance.DELETION, Provenance.Outcome.SUCCESS, null, (d.kind == Disposal.Kind.DISPOSAL
                    ? "disposed of under retention (disposal " + id + ")" : "deleted as a mistaken upload (disposal " + id + ")")
                    + (destroyed.originalKeptBecause() == null ? "; every copy of original " + destroyed.original() + " destroyed"
                            : "; original kept: " + destroyed.originalKeptBecause())
                    + "; " + destroyed.derived().size() + " derived file(s) destroyed");
        });
        audit.append(new AuditLog.Entry("system", null, "DISPOSE", "disposal:" + id, true, null,
                "asset " + job.assetId + ": content destroyed" + (destroyed.originalKeptBecause() == null ? "" : " (original kept: "
                        + destroyed.originalKeptBecause() + ")")));
    }
}
