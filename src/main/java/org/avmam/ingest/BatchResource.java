package org.avmam.ingest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

    public BatchResource(BatchService batches, IngestService ingest) {
        this.batches = batches;
        this.ingest = ingest;
    }

    @POST
    @Consumes("application/json")
    @Operation(summary = "Open a batch (a shoot, event or interview)", description = "Uploads name it in the field 'batch' "
            + "(multipart) or in tus Upload-Metadata, and inherit its context and language.")
    public Response create(BatchService.NewBatch batch) {
        if (batch == null) {
            throw ApiException.badRequest("send the batch as JSON: kind, name, event, eventDate, place, photographer, interviewer, fonds, language");
        }
        String language = batch.language() == null || batch.language().isBlank() ? null : ingest.language(batch.language());
        Batch b = batches.create(batch, language);
        return Response.created(URI.create("/api/v1/batches/" + b.id)).entity(batches.view(b.id)).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A batch: its context, totals by state, and every file's fate")
    public BatchService.BatchView get(@PathParam("id") UUID id) {
        return batches.view(id);
    }
}
