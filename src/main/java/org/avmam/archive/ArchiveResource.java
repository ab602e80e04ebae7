package org.avmam.archive;

import org.avmam.access.Permission;
import org.avmam.access.Requires;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.avmam.api.ApiException;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1")
@Produces("application/json")
public class ArchiveResource {

    private final FondsService fonds;
    private final ArchivalCodes codes;

    public ArchiveResource(FondsService fonds, ArchivalCodes codes) {
        this.fonds = fonds;
        this.codes = codes;
    }

    @Requires(Permission.CODE)
    @POST
    @Path("fonds")
    @Consumes("application/json")
    @Operation(summary = "Register a fonds", description = "code, name, and optionally itemPattern and groupPattern for its "
            + "archival codes (placeholders {fonds} {category} {year} {retention} {group} {item}, :n pads to n digits). Defaults: "
            + CodePattern.DEFAULT_ITEM + " and " + CodePattern.DEFAULT_GROUP + ".")
    public Response create(FondsService.NewFonds n) {
        FondsService.FondsView v = fonds.create(n);
        return Response.created(URI.create("/api/v1/fonds/" + v.code())).entity(v).build();
    }

    @GET
    @Path("fonds")
    public List<FondsService.FondsView> list() {
        return fonds.list();
    }

    @GET
    @Path("fonds/{code}")
    public FondsService.FondsView get(@PathParam("code") String code) {
        return fonds.get(code);
    }

    @Requires(Permission.CODE)
    @PATCH
    @Path("fonds/{code}")
    @Consumes({"application/json", "application/merge-patch+json"})
    public FondsService.FondsView update(@PathParam("code") String code, FondsService.NewFonds n) {
        if (n == null) {
            throw ApiException.badRequest("the body names what changes: {\"name\": ..., \"itemPattern\": ..., \"groupPattern\": ...}");
        }
        return fonds.update(code, n);
    }

    @GET
    @Path("fonds/{code}/tree")
    @Requires(Permission.SEE_UNREVIEWED)
    @Operation(summary = "The fonds' arrangement", description = "category → year → retention → groups and items, with counts.")
    public FondsService.Tree tree(@PathParam("code") String code) {
        return fonds.tree(code);
    }

    @Requires(Permission.CODE)
    @POST
    @Path("archival-codes")
    @Consumes("application/json")
    @Operation(summary = "Give many assets codes at once", description = "assets: ids in the order their item numbers should "
            + "follow; group and year as for one asset. All or none.")
    public List<ArchivalCodes.Assigned> assignMany(JsonNode body) {
        List<UUID> ids = org.avmam.api.AssetIds.of(body, "{\"assets\": [ids...], \"group\": ..., \"year\": ...}");
        return codes.assign(ids, grouping(body), year(body), null);
    }

    static ArchivalCodes.Grouping grouping(JsonNode body) {
        JsonNode g = body == null ? null : body.get("group");
        if (g == null || g.isNull()) {
            return ArchivalCodes.Grouping.NONE;
        }
        if (g.isTextual() && g.asText().equals("new")) {
            return new ArchivalCodes.Grouping(true, null);
        }
        if (g.isInt()) {
            return new ArchivalCodes.Grouping(false, g.asInt());
        }
        throw ApiException.badRequest("group is \"new\" or the number of an existing group (got {0})", g);
    }

    static Integer year(JsonNode body) {
        JsonNode y = body == null ? null : body.get("year");
        if (y == null || y.isNull()) {
            return null;
        }
        if (!y.isInt()) {
            throw ApiException.badRequest("year is a number (got {0})", y);
        }
        return y.asInt();
    }
}
