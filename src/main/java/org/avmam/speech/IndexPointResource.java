package org.avmam.speech;

import org.avmam.access.Permission;
import org.avmam.access.Requires;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.avmam.api.ApiException;
import org.avmam.asset.AssetService;
import org.avmam.common.Json;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The index points (OHMS-style) of an oral history: edited as a whole list, exported as JSON or WebVTT chapters. */
@Path("/api/v1/assets/{id}/index-points")
@Produces("application/json")
public class IndexPointResource {

    private final AssetService assets;
    private final org.avmam.access.AccessPolicy policy;

    public IndexPointResource(AssetService assets, org.avmam.access.AccessPolicy policy) {
        this.assets = assets;
        this.policy = policy;
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Point(double time, String title, String synopsis, List<String> keywords) {}

    @GET
    @Produces({"application/json", "text/vtt"})
    @Transactional
    @Operation(summary = "Index points", description = "format=json, or vtt for a WebVTT chapters track.")
    public Response get(@PathParam("id") UUID id, @QueryParam("format") @DefaultValue("json") String format) {
        org.avmam.access.OpenParts parts = policy.parts(policy.caller(), policy.visible(id));
        // Of a partly open recording, the points that fall inside its open ranges.
        List<Point> points = load(id).stream().filter(p -> parts == null || parts.time(p.time(), p.time())).toList();
        return switch (format) {
            case "json" -> Response.ok(points, "application/json").build();
            case "vtt" -> Response.ok(chapters(points, assets.get(id).technical), "text/vtt; charset=utf-8").build();
            default -> throw ApiException.badRequest("format must be json or vtt, not '{0}'", format);
        };
    }

    @Requires(Permission.DESCRIBE)
    @PUT
    @Consumes("application/json")
    @Transactional
    @Operation(summary = "Replace the index points")
    public List<Point> put(@PathParam("id") UUID id, List<Point> points) {
        assets.get(id);
        if (points == null) {
            throw ApiException.badRequest("send a JSON array of index points: [{time, title, synopsis, keywords}]");
        }
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (p == null || p.title() == null || p.title().isBlank()) {
                throw ApiException.badRequest("index point {0} needs a title", i);
            }
            if (p.time() < 0) {
                throw ApiException.badRequest("index point {0} has a negative time", i);
            }
        }
        IndexPoint.delete("assetId", id);
        for (Point p : points) {
            IndexPoint e = new IndexPoint();
            e.assetId = id;
            e.timeSeconds = p.time();
            e.title = p.title().strip();
            e.synopsis = p.synopsis();
            e.keywords = Json.write(p.keywords() == null ? List.of() : p.keywords());
            e.createdAt = Instant.now();
            e.persist();
        }
        return load(id);
    }

    private static List<Point> load(UUID id) {
        List<Point> out = new ArrayList<>();
        for (IndexPoint e : IndexPoint.<IndexPoint>list("assetId", id)) {
            out.add(new Point(e.timeSeconds, e.title, e.synopsis, Json.read(e.keywords, new TypeReference<List<String>>() {})));
        }
        out.sort(Comparator.comparingDouble(Point::time));
        return out;
    }

    /** Each chapter runs to the next point; the last to the end of the recording. */
    static String chapters(List<Point> points, String technicalJson) {
        double duration = 0;
        if (technicalJson != null) {
            var md = Json.read(technicalJson, org.avmam.asset.TechnicalMetadata.class);
            duration = md.durationSeconds() == null ? 0 : md.durationSeconds();
        }
        List<Segment> cues = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            double start = points.get(i).time();
            double end = i + 1 < points.size() ? points.get(i + 1).time() : Math.max(duration, start + 1);
            cues.add(new Segment(i + 1, start, end, null, points.get(i).title(), null));
        }
        return CaptionFormats.webVtt(cues);
    }
}
