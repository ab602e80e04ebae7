package org.avmam.archive;

import org.avmam.access.Permission;
import org.avmam.access.Requires;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Its own root path: under /api/v1/assets the asset resource would otherwise claim it. */
@Path("/api/v1/assets/{id}/archival-code")
@Produces("application/json")
public class ArchivalCodeResource {

    private final ArchivalCodes codes;

    public ArchivalCodeResource(ArchivalCodes codes) {
        this.codes = codes;
    }

    @Requires(Permission.CODE)
    @POST
    @Consumes("application/json")
    @Operation(summary = "Give the asset its archival code (档号)", description = "Body (optional): group = \"new\" or an existing "
            + "group number, year to override the record's own. 409 if it has one already; 422 without fonds or retention.")
    public ArchivalCodes.Assigned assignOne(@PathParam("id") UUID id, JsonNode body) {
        return codes.assign(List.of(id), ArchiveResource.grouping(body), ArchiveResource.year(body), null).getFirst();
    }

}
