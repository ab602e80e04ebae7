package org.avmam.clips;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import java.util.function.Predicate;
import org.avmam.access.AccessPolicy;
import org.avmam.access.Caller;
import org.avmam.access.Permission;
import org.avmam.access.Requires;
import org.avmam.api.ApiException;
import org.avmam.asset.Asset;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Sequences (rough cuts) and their cut lists. A sequence is its creator's (and visible to those
 * who may see every record, archivists and admins); its clips answer to their records' access.
 */
@Path("/api/v1/sequences")
@Produces("application/json")
public class SequenceResource {

    private final SequenceService sequences;
    private final AccessPolicy policy;

    private final SequenceBundle bundle;

    public SequenceResource(SequenceService sequences, AccessPolicy policy, SequenceBundle bundle) {
        this.bundle = bundle;
        this.sequences = sequences;
        this.policy = policy;
    }

    private Predicate<Asset> visible() {
        Caller c = policy.caller();
        return a -> a != null && policy.maySee(c, a);
    }

    /** The sequence, if the caller may see it; another user's answers as a missing one. */
    private void mine(UUID id) {
        Caller c = policy.caller();
        Sequence s = sequences.require(id);
        if (!c.is(s.createdBy) && !c.has(Permission.SEE_CLOSED)) {
            throw ApiException.notFound("no sequence with id {0}", id);
        }
    }

    @POST
    @Consumes("application/json")
    @Requires(Permission.CLIP)
    @Operation(summary = "Start a sequence", description = "{\"title\", \"clips\": [clip ids], \"rate\": optional (else the first clip's)}")
    public Response create(JsonNode body) {
        SequenceService.SequenceView v = sequences.create(body, policy.caller().username(), visible());
        return Response.created(URI.create("/api/v1/sequences/" + v.id())).entity(v).build();
    }

    @GET
    @Path("{id}")
    public SequenceService.SequenceView get(@PathParam("id") UUID id) {
        mine(id);
        return sequences.view(id, visible());
    }

    @PATCH
    @Path("{id}")
    @Consumes({"application/json", "application/merge-patch+json"})
    @Requires(Permission.CLIP)
    @Operation(summary = "Retitle, reorder, trim, add gaps", description = "{\"title\", \"items\": [{\"clip\": id, \"in\": source frame, "
            + "\"out\": source frame} | {\"gap\": frames}]}: the items replace the sequence's.")
    public SequenceService.SequenceView update(@PathParam("id") UUID id, JsonNode body) {
        mine(id);
        return sequences.update(id, body, visible());
    }

    @GET
    @Path("{id}/export")
    @Produces({"text/plain", "application/xml", "application/json"})
    @Operation(summary = "The cut list", description = "format=edl (CMX3600), fcpxml (FCPXML 1.10), xmeml (FCP7 XML) or otio "
            + "(OpenTimelineIO); media are referred to as media/<file name>; package=true gives a zip of the list and those originals (purpose= where one is needed).")
    public Response export(@PathParam("id") UUID id, @QueryParam("format") String format, @QueryParam("package") boolean pack,
            @QueryParam("purpose") String purpose, @jakarta.ws.rs.core.Context io.vertx.core.http.HttpServerRequest http) {
        if (format == null || !CutLists.TYPES.containsKey(format)) {
            throw ApiException.badRequest("format is edl, fcpxml, xmeml or otio (got {0})", (format == null ? "none" : "'" + format + "'"));
        }
        mine(id);
        CutList c = sequences.cutList(id, visible());
        String base = c.title().replaceAll("[^\\p{L}\\p{N} ._-]", "_");
        String name = base + "." + CutLists.EXTENSIONS.get(format);
        String list = CutLists.write(format, c);
        if (!pack) {
            return Response.ok(list, CutLists.TYPES.get(format))
                    .header("Content-Disposition", org.avmam.transcode.ContentDisposition.attachment(name)).build();
        }
        java.util.Map<String, java.nio.file.Path> media = bundle.media(c, policy.caller(), purpose,
                http.remoteAddress() == null ? null : http.remoteAddress().hostAddress());
        jakarta.ws.rs.core.StreamingOutput zip = out -> SequenceBundle.write(out, base, name, list, media);
        return Response.ok(zip, "application/zip")
                .header("Content-Disposition", org.avmam.transcode.ContentDisposition.attachment(base + ".zip")).build();
    }
}
