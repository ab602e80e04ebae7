package org.avmam.clips.export;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.avmam.access.AccessPolicy;
import org.avmam.access.Permission;
import org.avmam.access.Requires;
import org.avmam.api.ApiException;
import org.avmam.transcode.ContentTypes;
import org.avmam.transcode.FileDelivery;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A clip cut from its original, frame-accurate: asked for with POST, followed and fetched with GET. */
@Path("/api/v1/clips/{id}/export")
public class ClipExportResource {

    private final ClipExports exports;
    private final AccessPolicy policy;

    public ClipExportResource(ClipExports exports, AccessPolicy policy) {
        this.exports = exports;
        this.policy = policy;
    }

    @POST
    @Consumes({"application/json", "*/*"})
    @Produces("application/json")
    @Requires(Permission.EXPORT)
    @Operation(summary = "Export the clip from the original", description = "{\"profile\": clip-master | clip-edit-prores | clip-h264, "
            + "\"handles\": seconds, \"purpose\": text}, each optional. Answers 202 with the export; GET follows it, then gives the file.")
    public Response export(@PathParam("id") UUID id, JsonNode body, @Context io.vertx.core.http.HttpServerRequest http) {
        ClipExports.ExportView v = exports.request(id, body, policy.caller(),
                http.remoteAddress() == null ? null : http.remoteAddress().hostAddress());
        return Response.accepted(v).location(URI.create("/api/v1/clips/" + id + "/export")).build();
    }

    @GET
    @Produces({"application/json", "video/*", "audio/*", "application/octet-stream"})
    @Operation(summary = "The clip's latest export (?profile= for one profile's): 202 with its progress while it is cut, then 200 with the file")
    public Response get(@PathParam("id") UUID id, @QueryParam("profile") String profile, @Context Request request,
            @HeaderParam("Range") String range) {
        ClipExport e = exports.latest(id, profile, policy.caller());
        ClipExports.ExportView v = exports.view(e);
        if (ClipExport.State.READY.name().equals(v.state())) {
            return FileDelivery.serve(exports.path(e), ContentTypes.of(e.fileName), request, range, e.fileName);
        }
        if (ClipExport.State.FAILED.name().equals(v.state())) {
            throw new ApiException(422, "Export failed", "the clip could not be exported: {0}", v.error());
        }
        return Response.accepted(v).type("application/json").build();
    }
}
