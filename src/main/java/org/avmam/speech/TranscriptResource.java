package org.avmam.speech;

import org.avmam.access.Permission;
import org.avmam.access.Requires;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.avmam.api.ApiException;
import org.avmam.asset.Asset;
import org.avmam.asset.AssetService;
import org.avmam.jobs.Job;
import org.avmam.jobs.JobQueue;
import org.avmam.jobs.JobType;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/assets/{id}/transcript")
@Produces("application/json")
public class TranscriptResource {

    private final TranscriptService transcripts;
    private final AssetService assets;
    private final JobQueue jobs;
    private final Transcriber transcriber;
    private final org.avmam.access.AccessPolicy policy;

    public TranscriptResource(TranscriptService transcripts, AssetService assets, JobQueue jobs, Transcriber transcriber,
            org.avmam.access.AccessPolicy policy) {
        this.policy = policy;
        this.transcripts = transcripts;
        this.assets = assets;
        this.jobs = jobs;
        this.transcriber = transcriber;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TranscriptView(UUID assetId, int version, String source, String language, String model, boolean reviewed,
            String author, String note, Instant createdAt, String text, List<Segment> segments) {

        static TranscriptView of(TranscriptVersion v, boolean withSegments) {
            return of(v, withSegments, null);
        }

        /** With {@code parts} (a partly open record seen from outside): only the segments inside its open ranges. */
        static TranscriptView of(TranscriptVersion v, boolean withSegments, org.avmam.access.OpenParts parts) {
            List<Segment> segments = open(TranscriptService.segments(v), parts);
            String text = String.join(Transcript.noSpaces(v.language) ? "" : " ", segments.stream().map(Segment::text).toList());
            return new TranscriptView(v.assetId, v.version, v.source.name(), v.language, v.model, v.reviewed, v.author, v.note,
                    v.createdAt, withSegments ? text : null, withSegments ? segments : null);
        }
    }

    static List<Segment> open(List<Segment> segments, org.avmam.access.OpenParts parts) {
        return parts == null ? segments : segments.stream().filter(seg -> parts.time(seg.start(), seg.end())).toList();
    }

    private org.avmam.access.OpenParts parts(UUID id) {
        return QuarkusTransaction.joiningExisting().call(() -> policy.parts(policy.caller(), policy.visible(id)));
    }

    /** {@code author} is ignored: the author is the signed-in user. */
    public record ReviewRequest(String author, String note) {}

    public record TranscribeRequest(String language) {}

    @GET
    @Produces({"application/json", "text/vtt", "application/x-subrip", "text/plain"})
    @Operation(summary = "The transcript", description = "format=json (segments with word timings), vtt (WebVTT captions), srt or txt; version=N for an earlier version.")
    public Response get(@PathParam("id") UUID id, @QueryParam("format") @DefaultValue("json") String format,
            @QueryParam("version") Integer version) {
        org.avmam.access.OpenParts parts = parts(id);
        TranscriptVersion v = version == null || parts != null ? transcripts.current(id) : transcripts.version(id, version);
        List<Segment> segments = open(TranscriptService.segments(v), parts);
        return switch (format) {
            case "json" -> Response.ok(TranscriptView.of(v, true, parts), "application/json").build();
            case "vtt" -> Response.ok(CaptionFormats.webVtt(segments), "text/vtt; charset=utf-8").build();
            case "srt" -> Response.ok(CaptionFormats.srt(segments), "application/x-subrip; charset=utf-8").build();
            case "txt" -> Response.ok(CaptionFormats.text(segments), "text/plain; charset=utf-8").build();
            default -> throw ApiException.badRequest("format must be json, vtt, srt or txt, not '{0}'", format);
        };
    }

    @GET
    @Path("versions")
    @Operation(summary = "Every version of the transcript: machine runs, corrections, reviews")
    public List<TranscriptView> versions(@PathParam("id") UUID id) {
        if (parts(id) != null) {
            // The history of a partly open transcript would show who corrected what, outside the open ranges too.
            throw policy.hidden(id);
        }
        return transcripts.history(id).stream().map(v -> TranscriptView.of(v, false)).toList();
    }

    @Requires(Permission.DESCRIBE)
    @PATCH
    @Path("segments/{segment}")
    @Consumes("application/json")
    @Operation(summary = "Correct a segment's text, timing or speaker", description = "Makes a new version; earlier versions stay available.")
    public TranscriptView edit(@PathParam("id") UUID id, @PathParam("segment") int segment, TranscriptService.SegmentEdit edit) {
        if (edit == null) {
            throw ApiException.badRequest("send the fields to change: text, start, end, speaker (and note)");
        }
        TranscriptService.SegmentEdit signed = new TranscriptService.SegmentEdit(edit.text(), edit.start(), edit.end(), edit.speaker(),
                policy.caller().username(), edit.note());
        return TranscriptView.of(transcripts.edit(id, segment, signed), true);
    }

    @Requires(Permission.DESCRIBE)
    @POST
    @Path("review")
    @Consumes("application/json")
    @Operation(summary = "Mark the current transcript as reviewed")
    public TranscriptView review(@PathParam("id") UUID id, ReviewRequest request) {
        ReviewRequest r = request == null ? new ReviewRequest(null, null) : request;
        return TranscriptView.of(transcripts.review(id, policy.caller().username(), r.note()), true);
    }

    @Requires(Permission.DESCRIBE)
    @POST
    @Path("transcribe")
    @Consumes("application/json")
    @Operation(summary = "Transcribe again (another language's model, or after a model upgrade)",
            description = "Answers 202 with the job; the result becomes the next version and earlier versions, corrections included, stay available.")
    public Response retranscribe(@PathParam("id") UUID id, TranscribeRequest request) {
        Asset asset = assets.get(id);
        String language = request == null || request.language() == null ? asset.language : request.language();
        if (!transcriber.supports(language)) {
            throw new ApiException(422, "No speech model", "no speech model is configured for language '{0}' (avmam.speech.models.{1})", language, language);
        }
        Job job = QuarkusTransaction.requiringNew().call(() -> jobs.enqueue(id, JobType.TRANSCRIBE, language));
        return Response.accepted(new org.avmam.jobs.JobView(job)).header("Location", "/api/v1/jobs/" + job.id).build();
    }
}
