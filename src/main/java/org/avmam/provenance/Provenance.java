package org.avmam.provenance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Appends provenance events. Types follow the PREMIS event type vocabulary
 * (id.loc.gov/vocabulary/preservation/eventType) where one fits.
 */
@ApplicationScoped
public class Provenance {

    public static final String INGESTION = "ingestion";
    public static final String MESSAGE_DIGEST = "message digest calculation";
    public static final String FORMAT_IDENTIFICATION = "format identification";
    public static final String METADATA_EXTRACTION = "metadata extraction";
    public static final String MIGRATION = "migration";
    public static final String TRANSCRIPTION = "transcription";
    public static final String INDEXING = "indexing";
    public static final String METADATA_MODIFICATION = "metadata modification";
    public static final String VALIDATION = "validation";
    public static final String REPLICATION = "replication";
    public static final String FIXITY_CHECK = "fixity check";
    /** A damaged or missing copy restored from a sound one. */
    public static final String RECOVERY = "recovery";
    public static final String DELETION = "deletion";
    /** Open review (开放审核): a local event type, PREMIS having none for an access decision. */
    public static final String OPEN_REVIEW = "open review";

    public enum Outcome {
        SUCCESS,
        FAILURE,
        WARNING;

        String label() {
            return name().toLowerCase();
        }
    }

    private final String software;
    private final Actors actors;

    public Provenance(@ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version, Actors actors) {
        this.software = "avmam " + version;
        this.actors = actors;
    }

    /** Joins the caller's transaction when there is one: the event exists if and only if what it records does. */
    @Transactional
    public void record(UUID assetId, String type, Outcome outcome, String tool, String detail) {
        ProvenanceEvent e = new ProvenanceEvent();
        e.assetId = assetId;
        e.type = type;
        e.occurredAt = Instant.now();
        e.agent = tool == null ? software : software + " / " + tool;
        e.actor = actors.current();
        e.outcome = outcome.label();
        e.detail = detail == null || detail.length() <= 4000 ? detail : detail.substring(0, 3999) + "…";
        e.persist();
    }

    @Transactional
    public List<ProvenanceEvent> of(UUID assetId) {
        return ProvenanceEvent.list("assetId = ?1 order by id", assetId);
    }
}
