package org.avmam.speech;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.avmam.api.ApiException;
import org.avmam.asset.Asset;
import org.avmam.common.Json;
import org.avmam.provenance.Provenance;

/** Transcript versions: machine runs, archivists' corrections, review. */
@ApplicationScoped
public class TranscriptService {

    private static final TypeReference<List<Segment>> SEGMENTS = new TypeReference<>() {};

    private final jakarta.enterprise.event.Event<org.avmam.asset.AssetChanged> changed;
    private final Provenance provenance;

    public TranscriptService(jakarta.enterprise.event.Event<org.avmam.asset.AssetChanged> changed, Provenance provenance) {
        this.changed = changed;
        this.provenance = provenance;
    }

    /** A correction of one segment; null fields stay as they are. */
    public record SegmentEdit(String text, Double start, Double end, String speaker, String author, String note) {}

    public static List<Segment> segments(TranscriptVersion v) {
        return Json.read(v.segments, SEGMENTS);
    }

    /**
     * Records a machine transcript as the next version. Idempotent per job: a TRANSCRIBE job run
     * again after its worker died does not add a second version.
     */
    @Transactional
    public TranscriptVersion saveMachine(UUID assetId, long jobId, Transcript t) {
        lockAsset(assetId);
        Optional<TranscriptVersion> same = TranscriptVersion.find("assetId = ?1 and jobId = ?2", assetId, jobId).firstResultOptional();
        if (same.isPresent()) {
            return same.get();
        }
        return append(assetId, TranscriptVersion.Source.MACHINE, t.language(), t.model(),
                Segmenter.segments(t.words(), t.language()), false, null, null, jobId);
    }

    @Transactional
    public TranscriptVersion current(UUID assetId) {
        return TranscriptVersion.current(assetId)
                .orElseThrow(() -> ApiException.notFound("asset {0} has no transcript (yet)", assetId));
    }

    @Transactional
    public TranscriptVersion version(UUID assetId, int version) {
        return TranscriptVersion.of(assetId, version)
                .orElseThrow(() -> ApiException.notFound("asset {0} has no transcript version {1}", assetId, version));
    }

    @Transactional
    public List<TranscriptVersion> history(UUID assetId) {
        return TranscriptVersion.history(assetId);
    }

    /** Corrects one segment: a new version, and the search index is brought up to date. */
    @Transactional
    public TranscriptVersion edit(UUID assetId, int segmentId, SegmentEdit edit) {
        lockAsset(assetId);
        TranscriptVersion base = current(assetId);
        List<Segment> segments = new ArrayList<>(segments(base));
        int i = indexOf(segments, segmentId);
        Segment s = segments.get(i);
        if (edit.text() != null) {
            if (edit.text().isBlank()) {
                throw ApiException.badRequest("text must not be blank; to drop a segment's words, edit them out of a neighbour");
            }
            s = s.withText(edit.text().strip());
        }
        if (edit.start() != null || edit.end() != null) {
            double start = edit.start() != null ? edit.start() : s.start();
            double end = edit.end() != null ? edit.end() : s.end();
            if (start < 0 || end <= start) {
                throw ApiException.badRequest("a segment needs 0 <= start < end (got start {0}, end {1})", start, end);
            }
            s = s.withTiming(start, end);
        }
        if (edit.speaker() != null) {
            s = s.withSpeaker(edit.speaker().isBlank() ? null : edit.speaker().strip());
        }
        segments.set(i, s);
        TranscriptVersion v = append(assetId, TranscriptVersion.Source.EDIT, base.language, base.model, segments, false,
                edit.author(), edit.note(), null);
        provenance.record(assetId, Provenance.METADATA_MODIFICATION, Provenance.Outcome.SUCCESS, null,
                "transcript segment " + segmentId + " corrected (version " + v.version + ")"
                        + (edit.author() == null ? "" : " by " + edit.author()));
        changed.fire(new org.avmam.asset.AssetChanged(assetId));
        return v;
    }

    /** Marks the current text as reviewed by an archivist: a new version, the text unchanged. */
    @Transactional
    public TranscriptVersion review(UUID assetId, String author, String note) {
        lockAsset(assetId);
        TranscriptVersion base = current(assetId);
        TranscriptVersion v = append(assetId, TranscriptVersion.Source.EDIT, base.language, base.model, segments(base), true,
                author, note == null ? "reviewed" : note, null);
        provenance.record(assetId, Provenance.VALIDATION, Provenance.Outcome.SUCCESS, null,
                "transcript reviewed (version " + v.version + ")" + (author == null ? "" : " by " + author));
        return v;
    }

    private TranscriptVersion append(UUID assetId, TranscriptVersion.Source source, String language, String model,
            List<Segment> segments, boolean reviewed, String author, String note, Long jobId) {
        TranscriptVersion v = new TranscriptVersion();
        v.assetId = assetId;
        v.version = TranscriptVersion.current(assetId).map(c -> c.version + 1).orElse(1);
        v.source = source;
        v.language = language;
        v.model = model;
        v.segments = Json.write(segments);
        v.reviewed = reviewed;
        v.author = author;
        v.note = note;
        v.jobId = jobId;
        v.createdAt = Instant.now();
        v.persist();
        return v;
    }

    /** Serialises writers of one asset's transcript, so two edits never take the same version number. */
    private static void lockAsset(UUID assetId) {
        if (Asset.findById(assetId, LockModeType.PESSIMISTIC_WRITE) == null) {
            throw org.avmam.asset.AssetService.notFound(assetId);
        }
    }

    private static int indexOf(List<Segment> segments, int id) {
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).id() == id) {
                return i;
            }
        }
        throw ApiException.notFound("the transcript has no segment {0}", id);
    }
}
