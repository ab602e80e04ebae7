package org.avmam.preservation;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.avmam.audit.AuditLog;
import org.avmam.config.AvmamConfig;
import org.avmam.provenance.Provenance;
import org.avmam.storage.BlobStore;
import org.avmam.storage.ObjectStore;
import org.avmam.storage.Sha256;
import org.avmam.storage.StoreUnavailableException;
import org.avmam.storage.Stores;
import org.jboss.logging.Logger;

/**
 * One fixity check of one blob: every store's copy hashed again and compared with the recorded
 * SHA-256 (a PREMIS "fixity check" event for each). A copy that is damaged or missing is repaired
 * from a store whose copy verifies (a "recovery" event, the audit log, a metric). When no copy
 * verifies the blob is marked damaged, loudly, and is never served as sound.
 */
@ApplicationScoped
public class FixityChecker {

    private static final Logger LOG = Logger.getLogger(FixityChecker.class);

    private final Stores stores;
    private final BlobStore primary;
    private final CopyLedger ledger;
    private final Provenance provenance;
    private final AuditLog audit;
    private final MeterRegistry metrics;
    private final AvmamConfig.Storage config;

    public FixityChecker(Stores stores, BlobStore primary, CopyLedger ledger, Provenance provenance, AuditLog audit, MeterRegistry metrics,
            AvmamConfig config) {
        this.stores = stores;
        this.primary = primary;
        this.ledger = ledger;
        this.provenance = provenance;
        this.audit = audit;
        this.metrics = metrics;
        this.config = config.storage();
    }

    /** What one check found: copies that verified, failed (damaged or missing), were repaired; whether the blob is lost. */
    public record Outcome(int verified, int failed, int repaired, boolean damaged, int unavailable) {
        public String label() {
            return damaged ? "DAMAGED" : repaired > 0 ? "REPAIRED" : failed > 0 ? "FAILED" : unavailable > 0 ? "POSTPONED" : "OK";
        }
    }

    private enum Verdict {
        OK,
        DAMAGED,
        MISSING,
        UNAVAILABLE
    }

    private record Finding(ObjectStore store, Verdict verdict, String detail) {}

    public Outcome check(String sha) {
        List<UUID> assets = ledger.assetsOf(sha);
        List<Finding> findings = new ArrayList<>();
        for (CopyLedger.Copy copy : ledger.copies(sha)) {
            if (copy.state() == CopyLedger.State.PENDING) {
                continue; // replication has not written it yet
            }
            Optional<ObjectStore> store = stores.byName(copy.store());
            if (store.isEmpty()) {
                continue; // a store no longer configured on this node
            }
            Finding f = inspect(store.get(), sha);
            findings.add(f);
            if (f.verdict() == Verdict.UNAVAILABLE) {
                ledger.postpone(sha, copy.store(), config.unavailableRetry(), f.detail());
                continue;
            }
            for (UUID a : assets) {
                provenance.record(a, Provenance.FIXITY_CHECK, f.verdict() == Verdict.OK ? Provenance.Outcome.SUCCESS
                        : Provenance.Outcome.FAILURE, "SHA-256", "store '" + copy.store() + "': " + f.detail());
            }
            if (f.verdict() != Verdict.OK) {
                metrics.counter("avmam.fixity.failures", "store", copy.store(), "kind", f.verdict().name().toLowerCase()).increment();
            }
        }
        Optional<Finding> good = findings.stream().filter(f -> f.verdict() == Verdict.OK).findFirst();
        int verified = (int) findings.stream().filter(f -> f.verdict() == Verdict.OK).count();
        int unavailable = (int) findings.stream().filter(f -> f.verdict() == Verdict.UNAVAILABLE).count();
        List<Finding> bad = findings.stream().filter(f -> f.verdict() == Verdict.DAMAGED || f.verdict() == Verdict.MISSING).toList();
        findings.stream().filter(f -> f.verdict() == Verdict.OK).forEach(f -> ledger.checked(sha, f.store().name(), CopyLedger.State.OK, null));
        int repaired = 0;
        for (Finding f : bad) {
            CopyLedger.State state = f.verdict() == Verdict.MISSING ? CopyLedger.State.MISSING : CopyLedger.State.DAMAGED;
            if (good.isEmpty()) {
                ledger.checked(sha, f.store().name(), state, f.detail());
                continue;
            }
            try {
                repair(sha, good.get().store(), f.store());
                repaired++;
                ledger.checked(sha, f.store().name(), CopyLedger.State.OK, null);
                String detail = "store '" + f.store().name() + "' (" + f.detail() + ") restored from store '" + good.get().store().name()
                        + "' and read back: SHA-256 " + sha;
                for (UUID a : assets) {
                    provenance.record(a, Provenance.RECOVERY, Provenance.Outcome.SUCCESS, null, detail);
                }
                alert("FIXITY_REPAIR", sha, detail);
                metrics.counter("avmam.fixity.repairs", "store", f.store().name()).increment();
            } catch (IOException | RuntimeException e) {
                ledger.checked(sha, f.store().name(), state, f.detail() + "; repair failed: " + e.getMessage());
                for (UUID a : assets) {
                    provenance.record(a, Provenance.RECOVERY, Provenance.Outcome.FAILURE, null,
                            "store '" + f.store().name() + "': " + e.getMessage());
                }
                alert("FIXITY_FAILURE", sha, "store '" + f.store().name() + "': " + f.detail() + "; repair failed: " + e.getMessage());
            }
        }
        boolean damaged = good.isEmpty() && !bad.isEmpty();
        if (damaged) {
            ledger.markDamaged(sha);
            metrics.counter("avmam.blobs.damaged").increment();
            String detail = "no copy of " + sha + " verifies in any store (" + bad.stream().map(f -> f.store().name() + ": " + f.detail())
                    .reduce((x, y) -> x + "; " + y).orElse("") + "); assets " + assets + " are marked damaged and their original is not served";
            LOG.errorf("DAMAGED ORIGINAL: %s", detail);
            alert("FIXITY_DAMAGED", sha, detail);
        } else if (bad.size() == repaired && verified > 0 && unavailable == 0) {
            ledger.markSound(sha);
        }
        return new Outcome(verified, bad.size(), repaired, damaged, unavailable);
    }

    private Finding inspect(ObjectStore store, String sha) {
        try (InputStream in = store.open(sha)) {
            String read = Sha256.of(in);
            return read.equals(sha) ? new Finding(store, Verdict.OK, "verified")
                    : new Finding(store, Verdict.DAMAGED, "reads as " + read + ", not " + sha);
        } catch (NoSuchFileException e) {
            return new Finding(store, Verdict.MISSING, "the copy is missing");
        } catch (StoreUnavailableException e) {
            return new Finding(store, Verdict.UNAVAILABLE, e.getMessage());
        } catch (IOException e) {
            return new Finding(store, Verdict.DAMAGED, "unreadable: " + e.getMessage());
        }
    }

    /** The good copy is fetched into this node's staging folder and checked, written over the bad one, and read back. */
    private void repair(String sha, ObjectStore from, ObjectStore to) throws IOException {
        Path temp = primary.stagingFile();
        try {
            String fetched;
            try (InputStream in = from.open(sha); var out = Files.newOutputStream(temp)) {
                fetched = Sha256.of(new org.avmam.storage.TeeInputStream(in, out));
            }
            if (!fetched.equals(sha)) {
                throw new IOException("the copy on store '" + from.name() + "' changed while it was read (" + fetched + ")");
            }
            to.write(sha, temp);
            String back;
            try (InputStream in = to.open(sha)) {
                back = Sha256.of(in);
            }
            if (!back.equals(sha)) {
                throw new IOException("the repaired copy on store '" + to.name() + "' reads back as " + back);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void alert(String action, String sha, String detail) {
        audit.append(new AuditLog.Entry("system", null, action, "blob:" + sha, true, null, detail));
    }
}
