package org.avmam.collections;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.avmam.access.AccessPolicy;
import org.avmam.access.Permission;
import org.avmam.access.Requires;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The share links of a collection, managed by its owner. */
@Path("/api/v1/collections/{id}/links")
@Produces("application/json")
public class ShareLinkResource {

    private final ShareLinks links;
    private final AccessPolicy policy;

    public ShareLinkResource(ShareLinks links, AccessPolicy policy) {
        this.links = links;
        this.policy = policy;
    }

    @POST
    @Consumes("application/json")
    @Requires(Permission.EXPORT)
    @Operation(summary = "Give an outside partner a link to the collection", description = "{\"label\": whom it is for, \"rights\": VIEW | "
            + "DOWNLOAD, \"expires\": date or instant (or \"days\"), \"watermark\": true}. The answer holds the link's secret, shown this "
            + "once. The link shows the items the owner sees that are cleared for release, re-checked at every use.")
    public Response create(@PathParam("id") UUID id, JsonNode body) {
        ShareLinks.Created created = links.create(id, body, policy.caller());
        return Response.created(URI.create(created.url())).entity(created).build();
    }

    @GET
    @Operation(summary = "The collection's share links (without their secrets), with their uses")
    public List<ShareLinks.LinkView> list(@PathParam("id") UUID id) {
        return links.list(id, policy.caller());
    }

    @DELETE
    @Path("{link}")
    @Requires(Permission.COLLECT)
    @Operation(summary = "Revoke a share link at once")
    public ShareLinks.LinkView revoke(@PathParam("id") UUID id, @PathParam("link") UUID link) {
        return links.revoke(id, link, policy.caller());
    }
}
