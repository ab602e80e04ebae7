package org.avmam.ingest;

import org.avmam.access.Permission;
import org.avmam.access.Requires;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.avmam.api.ApiException;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/batches")
@Produces("application/json")
public class BatchResource {

    private final BatchService batches;
    private final IngestService ingest;
    private final org.avmam.access.AccessPolicy policy;
    private final BatchEvents events;

    public BatchResource(BatchService batches, IngestService ingest, org.avmam.access.AccessPolicy policy, BatchEvents events) {
        this.batches = batches;
        this.events = events;
        this.ingest = ingest;
        this.policy = policy;
    }

    @Requires(Permission.UPLOAD)
    @POST
    @Consumes("application/json")
    @Operation(summary = "Open a batch (a shoot, event or interview)", description = "Uploads name it in the field 'batch' "
            + "(multipart) or in tus Upload-Metadata, and inherit its context and language.")
    public Response create(BatchService.NewBatch batch) {
        if (batch == null) {
            throw ApiException.badRequest("send the batch as JSON: kind, name, event, eventDate, place, photographer, interviewer, fonds, language");
        }
        String language = batch.language() == null || batch.language().isBlank() ? null : ingest.language(batch.language());
        Batch b = batches.create(batch, language, policy.caller().username());
        return Response.created(URI.create("/api/v1/batches/" + b.id)).entity(batches.view(b.id)).build();
    }

    @GET
    @Operation(summary = "Batches, newest first: the caller's own (mine=true, the default) or, for staff, everyone's (mine=false)")
    public java.util.List<BatchService.BatchSummary> list(@QueryParam("mine") String mineParam, @QueryParam("limit") String limit) {
        org.avmam.access.Caller caller = policy.caller();
        boolean mine = org.avmam.api.QueryValues.bool(mineParam, "mine", true);
        int n = org.avmam.api.QueryValues.integer(limit, "limit", 50, 1, 500);
        String owner = mine || !caller.has(Permission.SEE_UNREVIEWED) ? caller.username() : null;
        return batches.list(owner, n, a -> policy.maySee(caller, a));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A batch: its context, totals by state, and every file's fate")
    public BatchService.BatchView get(@PathParam("id") UUID id) {
        org.avmam.access.Caller caller = policy.caller();
        batches.visibleTo(id, caller);
        return batches.view(id, a -> policy.maySee(caller, a));
    }

    @GET
    @Path("{id}/events")
    @Produces(jakarta.ws.rs.core.MediaType.SERVER_SENT_EVENTS)
    @org.jboss.resteasy.reactive.RestStreamElementType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
    @io.smallrye.common.annotation.Blocking
    @Operation(summary = "Server-sent events: the batch view (totals and every file's state and step) whenever it changes, "
            + "until every file is done; one connection for a whole shoot instead of one per file")
    public io.smallrye.mutiny.Multi<BatchService.BatchView> events(@PathParam("id") UUID id) {
        org.avmam.access.Caller caller = policy.caller();
        batches.visibleTo(id, caller);
        return events.stream(id, a -> policy.maySee(caller, a));
    }
}
