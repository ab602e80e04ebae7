package org.avmam.collections;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.avmam.access.AccessPolicy;
import org.avmam.access.Permission;
import org.avmam.access.Requires;
import org.avmam.api.ApiException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** BagIt packages of a sequence (rough cut): the records it cuts from, or its clips' exports. */
@Path("/api/v1/sequences/{id}/package")
public class SequencePackageResource {

    private final Packages packages;
    private final AccessPolicy policy;

    public SequencePackageResource(Packages packages, AccessPolicy policy) {
        this.packages = packages;
        this.policy = policy;
    }

    @POST
    @Consumes("application/json")
    @Produces("application/json")
    @Requires(Permission.EXPORT)
    @Operation(summary = "Build a BagIt package of the sequence", description = "{\"content\": \"originals\" | \"renditions:<profile>\" | "
            + "\"clips\" | \"clips:<clip profile>\", \"purpose\"}: 202 with the package's job; GET follows it, then gives the zip.")
    public Response pack(@PathParam("id") UUID id, JsonNode body, @Context io.vertx.core.http.HttpServerRequest http) {
        BagPackage p = packages.requestForSequence(id, body, policy.caller(), http.remoteAddress() == null ? null : http.remoteAddress().hostAddress());
        return Response.accepted(Map.of("package", p.id, "state", p.state, "payloadBytes", p.payloadBytes, "job", "/api/v1/jobs/" + p.jobId))
                .location(URI.create("/api/v1/sequences/" + id + "/package")).build();
    }

    @GET
    @Produces({"application/zip", "application/json"})
    @Operation(summary = "The sequence's latest package: 202 with its progress while it is built, then 200 with the zip")
    public Response packaged(@PathParam("id") UUID id, @Context Request request, @HeaderParam("Range") String range) {
        BagPackage p = packages.latestOfSequence(id, policy.caller());
        if (p == null) {
            throw ApiException.notFound("sequence {0} has no package; ask for one with POST", id);
        }
        return CollectionResource.deliver(packages, p, request, range, "avmam-sequence-" + id.toString().substring(0, 8) + "-bag.zip");
    }
}
