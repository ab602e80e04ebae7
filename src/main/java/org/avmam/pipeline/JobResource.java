package org.avmam.pipeline;

import org.avmam.access.Permission;
import org.avmam.access.Requires;
import org.avmam.access.AccessPolicy;
import org.avmam.jobs.Job;
import org.avmam.jobs.JobService;
import org.avmam.jobs.JobView;
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
    private final AccessPolicy policy;

    public JobResource(JobService jobs, AccessPolicy policy) {
        this.jobs = jobs;
        this.policy = policy;
    }

    @GET
    @Operation(summary = "Pipeline jobs, newest first", description = "Filter by assetId and state; each shows attempts, progress (0..1) and the last error.")
    public List<JobView> list(@QueryParam("assetId") UUID assetId, @QueryParam("state") Job.State state,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        if (!policy.caller().has(Permission.OPERATE)) {
            if (assetId == null) {
                throw new org.avmam.api.ApiException(403, "Forbidden", "the list of all jobs is for operators; ask for an asset's jobs with assetId");
            }
            io.quarkus.narayana.jta.QuarkusTransaction.joiningExisting().call(() -> policy.visible(assetId));
        }
        return jobs.list(assetId, state, page, size);
    }

    @Requires(Permission.OPERATE)
    @GET
    @Path("queues")
    @Operation(summary = "Each queue's jobs waiting (and due), running and failed, and how long its oldest due job has waited")
    public List<JobService.QueueView> queues() {
        return jobs.queues();
    }

    @GET
    @Path("{id}")
    public JobView get(@PathParam("id") long id) {
        JobView j = jobs.get(id);
        if (!policy.caller().has(Permission.OPERATE)) {
            try {
                io.quarkus.narayana.jta.QuarkusTransaction.joiningExisting().call(() -> policy.visible(j.assetId()));
            } catch (org.avmam.api.ApiException hidden) {
                // The job of a record the caller may not see does not exist for them either.
                throw org.avmam.api.ApiException.notFound("no job with id {0}", id);
            }
        }
        return j;
    }

    @Requires(Permission.OPERATE)
    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel a pending or running job")
    public JobView cancel(@PathParam("id") long id) {
        return jobs.cancel(id);
    }

    @Requires(Permission.OPERATE)
    @POST
    @Path("{id}/retry")
    @Operation(summary = "Run a failed or cancelled job again", description = "A failed asset goes back to PROCESSING.")
    public JobView retry(@PathParam("id") long id) {
        return jobs.retry(id);
    }
}
