package org.avmam.description;

import org.avmam.access.Permission;
import org.avmam.access.Requires;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.avmam.api.ApiException;
import org.avmam.api.AssetIds;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/descriptions")
@Produces("application/json")
public class DescriptionsResource {

    private final DescriptionService descriptions;
    private final org.avmam.access.AccessPolicy policy;

    public DescriptionsResource(DescriptionService descriptions, org.avmam.access.AccessPolicy policy) {
        this.descriptions = descriptions;
        this.policy = policy;
    }

    @Requires(Permission.DESCRIBE)
    @PATCH
    @Consumes({"application/merge-patch+json", "application/json"})
    @Operation(summary = "Batch edit", description = "{\"assets\": [ids], \"set\": {element: value}}: the same change to every asset, "
            + "all or none (an event's photos get their event, place and photographer at once).")
    public Map<String, Object> patchMany(JsonNode body) {
        String shape = "{\"assets\": [ids...], \"set\": {element: value, ...}}";
        List<UUID> ids = AssetIds.of(body, shape);
        if (!body.path("set").isObject()) {
            throw ApiException.badRequest("the body is {0}", shape);
        }
        io.quarkus.narayana.jta.QuarkusTransaction.joiningExisting().run(() ->
                policy.visible(ids).forEach(a -> policy.require(Permission.DESCRIBE, a)));
        return Map.of("changed", descriptions.patchMany(ids, body.path("set"), policy.caller().username()));
    }

    @GET
    @Path("schemas/{name}")
    @Operation(summary = "Element definitions", description = "photo (DA/T 54-2014) or av (DA/T 63-2017).")
    public DescriptionSchema schema(@PathParam("name") String name) {
        return switch (name) {
            case "photo" -> DescriptionSchema.PHOTO;
            case "av" -> DescriptionSchema.AV;
            default -> throw ApiException.notFound("no schema '{0}'; they are photo and av", name);
        };
    }
}
