package org.avmam.description;

import org.avmam.access.Permission;
import org.avmam.access.Requires;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.avmam.api.ApiException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Its own root path: under /api/v1/assets the asset resource would otherwise claim it. */
@Path("/api/v1/assets/{id}/description")
public class DescriptionResource {

    private final DescriptionService descriptions;
    private final org.avmam.access.AccessPolicy policy;

    public DescriptionResource(DescriptionService descriptions, org.avmam.access.AccessPolicy policy) {
        this.descriptions = descriptions;
        this.policy = policy;
    }

    /** The description as the caller may read it: of a partly open record, only the elements its review opened. */
    private DescriptionService.View visible(UUID id) {
        DescriptionService.View view = descriptions.view(id);
        org.avmam.access.OpenParts parts = io.quarkus.narayana.jta.QuarkusTransaction.joiningExisting()
                .call(() -> policy.parts(policy.caller(), policy.visible(id)));
        if (parts == null) {
            return view;
        }
        List<DescriptionService.ElementValue> open = view.elements().stream().filter(e -> parts.element(e.key())).toList();
        return new DescriptionService.View(view.assetId(), view.mediaType(), view.language(), view.standard(),
                parts.element("title") ? view.title() : null, open, null, null, List.of(), view.complete());
    }

    @GET
    @Produces({"application/json", "application/xml"})
    @Operation(summary = "The archival description (DA/T 54 photos, DA/T 63 audio/video)", description = "Every element with its "
            + "value and where it came from (user, or the crosswalk source), the six caption elements of a photo, and the "
            + "mandatory elements still missing. format=dat-xml (DA/T XML), dc-json or dc-xml (Dublin Core).")
    public Response get(@PathParam("id") UUID id, @QueryParam("format") @DefaultValue("json") String format) {
        DescriptionService.View view = visible(id);
        return switch (format) {
            case "json" -> Response.ok(view, "application/json").build();
            case "dat-xml" -> Response.ok(DescriptionExport.datXml(DescriptionSchema.of(view.mediaType()), view),
                    "application/xml; charset=UTF-8").build();
            case "dc-json" -> Response.ok(DescriptionExport.dublinCore(view), "application/json").build();
            case "dc-xml" -> Response.ok(DescriptionExport.dcXml(DescriptionExport.dublinCore(view)), "application/xml; charset=UTF-8")
                    .build();
            default -> throw ApiException.badRequest("format is json, dat-xml, dc-json or dc-xml (got '{0}')", format);
        };
    }

    @Requires(Permission.DESCRIBE)
    @PATCH
    @Consumes({"application/merge-patch+json", "application/json"})
    @Produces("application/json")
    @Operation(summary = "Change description elements", description = "JSON merge patch of element keys: a value sets, null clears "
            + "(a mandatory element without a value from the file cannot be cleared). Validated against each element's definition; "
            + "every change is kept in the history.")
    public DescriptionService.View patch(@PathParam("id") UUID id, JsonNode patch) {
        return descriptions.patch(id, patch, policy.caller().username());
    }

    @GET
    @Path("history")
    @Produces("application/json")
    public List<DescriptionService.Change> history(@PathParam("id") UUID id) {
        org.avmam.access.OpenParts parts = io.quarkus.narayana.jta.QuarkusTransaction.joiningExisting()
                .call(() -> policy.parts(policy.caller(), policy.visible(id)));
        return descriptions.history(id).stream().filter(c -> parts == null || parts.element(c.element())).toList();
    }
}
