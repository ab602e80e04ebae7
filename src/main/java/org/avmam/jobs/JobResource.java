package org.avmam.jobs;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/jobs")
@Produces("application/json")
public class JobResource {

    private final JobService jobs;

    public JobResource(JobService jobs) {
        this.jobs = jobs;
    }

    @GET
    @Operation(summary = "Pipeline jobs, newest first", description = "Filter by assetId and state; each shows attempts, progress (0..1) and the last error.")
    public List<JobView> list(@QueryParam("assetId") UUID assetId, @QueryParam("state") Job.State state,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return jobs.list(assetId, state, page, size);
    }

    @GET
    @Path("{id}")
    public JobView get(@PathParam("id") long id) {
        return jobs.get(id);
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel a pending or running job")
    public JobView cancel(@PathParam("id") long id) {
        return jobs.cancel(id);
    }

    @POST
    @Path("{id}/retry")
    @Operation(summary = "Run a failed or cancelled job again", description = "A failed asset goes back to PROCESSING.")
    public JobView retry(@PathParam("id") long id) {
        return jobs.retry(id);
    }
}
