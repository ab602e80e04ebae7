package org.avmam.transcode;

import org.avmam.access.Permission;
import org.avmam.access.Requires;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.avmam.jobs.JobView;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * An asset's renditions as files: the main file at {@code /renditions/{profile}}, every file of a
 * folder rendition (HLS playlists and segments, the filmstrip sprite, the waveform PNG) below it.
 */
@Path("/api/v1/assets/{id}/renditions")
public class RenditionResource {

    private final RenditionService renditions;

    public RenditionResource(RenditionService renditions) {
        this.renditions = renditions;
    }

    @GET
    @Path("{profile}")
    @Produces("*/*")
    @Operation(summary = "A rendition's main file, with HTTP Range, ETag and Last-Modified; ?download=true to save it")
    public Response main(@PathParam("id") UUID id, @PathParam("profile") String profile, Request request,
            @HeaderParam("Range") String range, @QueryParam("download") @DefaultValue("false") boolean download) {
        return serve(renditions.file(id, profile, null), request, range, download);
    }

    @GET
    @Path("{profile}/{file: .+}")
    @Produces("*/*")
    @Operation(summary = "One file of a rendition (an HLS playlist or segment, the filmstrip sprite, the waveform PNG...)")
    public Response file(@PathParam("id") UUID id, @PathParam("profile") String profile, @PathParam("file") String file,
            Request request, @HeaderParam("Range") String range, @QueryParam("download") @DefaultValue("false") boolean download) {
        return serve(renditions.file(id, profile, file), request, range, download);
    }

    @Requires(Permission.EXPORT)
    @POST
    @Path("{profile}")
    @Produces("application/json")
    @Operation(summary = "Make or remake this rendition (on-demand profiles, older versions); answers 202 with the job")
    public Response make(@PathParam("id") UUID id, @PathParam("profile") String profile) {
        JobView job = renditions.request(id, profile);
        return Response.accepted(job).location(URI.create(job.url())).build();
    }

    private static Response serve(RenditionService.RenditionFile f, Request request, String range, boolean download) {
        return FileDelivery.serve(f.path(), f.contentType(), request, range, download ? f.downloadName() : null);
    }
}
