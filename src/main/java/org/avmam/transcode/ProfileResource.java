package org.avmam.transcode;

import org.avmam.access.Permission;
import org.avmam.access.Requires;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/profiles")
@Produces("application/json")
public class ProfileResource {

    private final RenditionService renditions;

    public ProfileResource(RenditionService renditions) {
        this.renditions = renditions;
    }

    @GET
    @Operation(summary = "The transcode profiles, each with its version and how many renditions are current, older, failed or queued")
    public List<RenditionService.ProfileStatus> list() {
        return renditions.statuses();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One transcode profile and the state of its renditions")
    public RenditionService.ProfileStatus get(@PathParam("name") String name) {
        return renditions.status(name);
    }

    @Requires(Permission.OPERATE)
    @POST
    @Path("{name}/rebuild")
    @Operation(summary = "Queue renders of every ready asset whose rendition is missing, failed or of an older version "
            + "(all=true: every one); answers 202 with the counts")
    public Response rebuild(@PathParam("name") String name, @QueryParam("all") @DefaultValue("false") boolean all) {
        return Response.accepted(renditions.rebuild(name, all)).build();
    }
}
