package org.avmam.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.avmam.access.AccessPolicy;
import org.avmam.access.Caller;
import org.avmam.access.Permission;
import org.avmam.api.ApiException;
import org.avmam.clips.SequenceService;
import org.avmam.collections.CollectionService;
import org.avmam.ingest.BatchService;
import org.avmam.search.SearchParameters;
import org.avmam.search.SearchService;

/**
 * The web application's pages. Each is a thin shell: the layout (navigation by role, language), the page's
 * identifiers, and the script that fills it from the API, which stays the one contract and applies the access
 * policy to every read. What the page itself decides is only whether the caller may open it at all: signed
 * out goes to the sign-in form, a record or collection the caller may not see is "not found" exactly as a
 * missing one, and a page the role does not include says so.
 */
@Path("/")
@Produces("text/html;charset=UTF-8")
public class Pages {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Pages.class);

    private final Template layout;
    private final AccessPolicy policy;
    private final I18n i18n;
    private final BatchService batches;
    private final CollectionService collections;
    private final SequenceService sequences;
    private final ObjectMapper json;
    private final org.avmam.config.AvmamConfig.Web web;
    private final String sessionCookie;
    private final SearchService search;

    public Pages(@Location("layout.html") Template layout, AccessPolicy policy, I18n i18n, BatchService batches,
            CollectionService collections, SequenceService sequences, SearchService search, ObjectMapper json,
            org.avmam.config.AvmamConfig config,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.auth.form.cookie-name",
                    defaultValue = "quarkus-credential") String sessionCookie) {
        this.web = config.web();
        this.sessionCookie = sessionCookie;
        this.layout = layout;
        this.policy = policy;
        this.i18n = i18n;
        this.batches = batches;
        this.collections = collections;
        this.sequences = sequences;
        this.json = json;
        this.search = search;
    }

    @GET
    public Response home(@CookieParam(I18n.COOKIE) String lang, @HeaderParam("Accept-Language") String accept,
            @QueryParam("next") String next, @Context UriInfo uri) {
        String language = i18n.choose(lang, accept);
        Caller c = policy.caller();
        if (c.anonymous()) {
            ObjectNode data = json.createObjectNode().put("next", safeNext(next));
            return page(200, "signin", "signin.title", "/", language, c, data);
        }
        ObjectNode data = json.createObjectNode();
        web.mapTiles().ifPresent(t -> data.put("mapTiles", t));
        web.mapAttribution().ifPresent(a -> data.put("mapAttribution", a));
        SEARCH_PARAMETERS.forEach(data.putArray("searchParameters")::add);
        var first = firstPage(uri);
        first.ifPresent(f -> data.set("firstPage", f));
        return page(200, "search", "nav.search", "/", language, c, data, first.map(Pages::thumbnails).orElse(List.of()));
    }

    /**
     * The search parameters the page's address passes on to /api/v1/search, with the page size: the page answers its first
     * hits with them and hands the list to search.js for every later search, so both ask the same question.
     */
    private static final List<String> SEARCH_PARAMETERS = List.of("q", "mediaType", "dateFrom", "dateTo", "fonds", "openStatus",
            "minDuration", "maxDuration", "hasTranscript", "sort", "order");
    private static final String PAGE_SIZE = "60";

    /**
     * The first page of hits for the address's search, answered into the page itself, so that the grid and its thumbnails
     * start loading as soon as the script runs instead of after one more round trip. The same search, through the same
     * access filter, as {@code GET /api/v1/search}; {@code query} is the address's query string it answers, so that the
     * script uses it only for that address. A search the API would refuse (or an index that does not answer) is left to the
     * script, which asks the API and shows its problem details.
     */
    private java.util.Optional<ObjectNode> firstPage(UriInfo uri) {
        MultivaluedMap<String, String> params = new MultivaluedHashMap<>();
        uri.getQueryParameters().forEach((name, values) -> {
            if (SEARCH_PARAMETERS.contains(name)) {
                params.put(name, values);
            }
        });
        params.putSingle("size", PAGE_SIZE);
        try {
            var result = search.search(SearchParameters.parse(params));
            String query = uri.getRequestUri().getRawQuery();
            return java.util.Optional.of(json.createObjectNode().put("query", query == null ? "" : query).set("result", json.valueToTree(result)));
        } catch (ApiException e) {
            return java.util.Optional.empty();
        } catch (RuntimeException e) {
            LOG.warnf("The search page's first hits were left to the script: %s", e.toString());
            return java.util.Optional.empty();
        }
    }

    /**
     * The thumbnails of the first hits, which the page asks the browser to fetch while its scripts load (preload links), so
     * the grid's images are on their way before the script builds it. The URLs are search.js's {@code thumbnailUrl}: the
     * grid's images then take the preloaded answers instead of asking again.
     */
    static List<String> thumbnails(ObjectNode firstPage) {
        List<String> out = new ArrayList<>();
        for (var hit : firstPage.path("result").path("hits")) {
            String profile = switch (hit.path("mediaType").asText()) {
                case "IMAGE" -> "image-thumbnail";
                case "VIDEO" -> "video-poster";
                default -> null;
            };
            String id = hit.path("id").asText();
            if (profile != null && id.matches("[0-9a-f-]{36}")) {
                out.add("/api/v1/assets/" + id + "/renditions/" + profile);
            }
        }
        return out;
    }

    /** The pages with nothing of their own to check: the permission each needs, and its title. */
    private static final Map<String, Simple> SIMPLE = Map.of(
            "upload", new Simple(Permission.UPLOAD, "nav.upload"),
            "collections", new Simple(Permission.COLLECT, "nav.collections"),
            "review", new Simple(Permission.REVIEW, "nav.review"),
            "vocabularies", new Simple(Permission.DESCRIBE, "nav.vocabularies"),
            "statistics", new Simple(Permission.REVIEW, "nav.statistics"),
            "admin", new Simple(Permission.OPERATE, "nav.admin"));

    private record Simple(Permission needs, String titleKey) {}

    @GET
    @Path("{page: upload|collections|review|vocabularies|statistics|admin}")
    public Response simple(@PathParam("page") String page, @CookieParam(I18n.COOKIE) String lang,
            @HeaderParam("Accept-Language") String accept) {
        Simple s = SIMPLE.get(page);
        return guarded("/" + page, page, s.titleKey(), lang, accept, s.needs(), json::createObjectNode);
    }

    @GET
    @Path("assets/{id}")
    public Response asset(@PathParam("id") String id, @CookieParam(I18n.COOKIE) String lang, @HeaderParam("Accept-Language") String accept) {
        return guarded("/assets/" + id, "asset", "asset.title", lang, accept, null, () -> {
            UUID uuid = uuid(id);
            QuarkusTransaction.joiningExisting().call(() -> policy.visible(uuid));
            return json.createObjectNode().put("asset", uuid.toString());
        });
    }

    @GET
    @Path("batches/{id}")
    public Response batch(@PathParam("id") String id, @CookieParam(I18n.COOKIE) String lang, @HeaderParam("Accept-Language") String accept) {
        return guarded("/batches/" + id, "batch", "batch.title", lang, accept, null, () -> {
            UUID uuid = uuid(id);
            batches.visibleTo(uuid, policy.caller());
            return json.createObjectNode().put("batch", uuid.toString());
        });
    }

    @GET
    @Path("collections/{id}")
    public Response collection(@PathParam("id") String id, @CookieParam(I18n.COOKIE) String lang, @HeaderParam("Accept-Language") String accept) {
        return guarded("/collections/" + id, "collection", "collection.title", lang, accept, null, () -> {
            UUID uuid = uuid(id);
            collections.get(uuid, policy.caller());
            return json.createObjectNode().put("collection", uuid.toString());
        });
    }

    @GET
    @Path("sequences/{id}")
    public Response sequence(@PathParam("id") String id, @CookieParam(I18n.COOKIE) String lang, @HeaderParam("Accept-Language") String accept) {
        return guarded("/sequences/" + id, "sequence", "sequence.title", lang, accept, Permission.CLIP, () -> {
            UUID uuid = uuid(id);
            QuarkusTransaction.joiningExisting().call(() -> sequences.visibleTo(uuid, policy.caller()));
            return json.createObjectNode().put("sequence", uuid.toString());
        });
    }

    /** The language switch: remembered for a year, then back to the page it was pressed on. */
    @GET
    @Path("lang/{tag}")
    public Response language(@PathParam("tag") String tag, @QueryParam("next") String next) {
        if (!I18n.LANGUAGES.contains(tag)) {
            throw ApiException.notFound("no interface language '{0}'; there are {1}", tag, String.join(", ", I18n.LANGUAGES));
        }
        NewCookie cookie = new NewCookie.Builder(I18n.COOKIE).value(tag).path("/").maxAge(365 * 24 * 3600)
                .sameSite(NewCookie.SameSite.STRICT).build();
        return Response.seeOther(URI.create(safeNext(next))).cookie(cookie).build();
    }

    /** Signing out ends the form session: its cookie is cleared. */
    @POST
    @Path("sign-out")
    public Response signOut() {
        NewCookie gone = new NewCookie.Builder(sessionCookie).value("").path("/").maxAge(0).httpOnly(true).sameSite(NewCookie.SameSite.STRICT).build();
        return Response.seeOther(URI.create("/")).cookie(gone).build();
    }

    private Response guarded(String path, String page, String titleKey, String lang, String accept, Permission needs,
            Supplier<ObjectNode> data) {
        String language = i18n.choose(lang, accept);
        Caller c = policy.caller();
        if (c.anonymous()) {
            return Response.seeOther(URI.create("/?next=" + java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8))).build();
        }
        if (needs != null && !c.has(needs)) {
            return page(403, "denied", "denied.title", path, language, c, json.createObjectNode().put("needs", needs.name()));
        }
        try {
            return page(200, page, titleKey, path, language, c, data.get());
        } catch (ApiException e) {
            if (e.status() == 404) {
                return page(404, "missing", "missing.title", "/", language, c, json.createObjectNode());
            }
            throw e;
        }
    }

    /** {@code path} is where the language switch returns to. */
    private Response page(int status, String page, String titleKey, String path, String language, Caller c, ObjectNode data) {
        return page(status, page, titleKey, path, language, c, data, List.of());
    }

    private Response page(int status, String page, String titleKey, String path, String language, Caller c, ObjectNode data,
            List<String> preloadImages) {
        var m = i18n.messages(language);
        List<PageContext.NavItem> nav = new ArrayList<>();
        if (!c.anonymous()) {
            nav.add(new PageContext.NavItem("/", m.get("nav.search"), page.equals("search")));
            if (c.has(Permission.UPLOAD)) {
                nav.add(new PageContext.NavItem("/upload", m.get("nav.upload"), page.equals("upload") || page.equals("batch")));
            }
            if (c.has(Permission.COLLECT)) {
                nav.add(new PageContext.NavItem("/collections", m.get("nav.collections"), page.startsWith("collection")));
            }
            if (c.has(Permission.DESCRIBE)) {
                nav.add(new PageContext.NavItem("/vocabularies", m.get("nav.vocabularies"), page.equals("vocabularies")));
            }
            if (c.has(Permission.REVIEW)) {
                nav.add(new PageContext.NavItem("/review", m.get("nav.review"), page.equals("review")));
                nav.add(new PageContext.NavItem("/statistics", m.get("nav.statistics"), page.equals("statistics")));
            }
            if (c.has(Permission.OPERATE)) {
                nav.add(new PageContext.NavItem("/admin", m.get("nav.admin"), page.equals("admin")));
            }
        }
        data.put("page", page).put("language", language).put("user", c.username());
        var permissions = data.putArray("permissions");
        for (Permission p : Permission.values()) {
            if (c.has(p)) {
                permissions.add(p.name());
            }
        }
        data.set("messages", json.valueToTree(m));
        PageContext ctx = new PageContext(page, m.getOrDefault(titleKey, titleKey), c.username(),
                c.roles().stream().map(Enum::name).sorted().toList(), nav, language, m, safeJson(data), path, preloadImages);
        return Response.status(status).entity(layout.data("p", ctx)).header("Cache-Control", "no-store")
                .header("Content-Language", language).build();
    }

    /** JSON inside a {@code <script type="application/json">} block: nothing in it may close the block. */
    private String safeJson(ObjectNode data) {
        try {
            return json.writeValueAsString(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no record with id {0}", id);
        }
    }

    /** Only a path on this site, never another origin ("//host" or "/\host" included). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.contains("\r")
                || next.contains("\n")) {
            return "/";
        }
        return next;
    }
}
