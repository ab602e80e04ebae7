package org.avmam.access;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.avmam.api.ApiException;
import org.avmam.asset.Asset;
import org.avmam.asset.OpenStatus;
import org.avmam.config.AvmamConfig;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every API request passes here before its resource runs: the caller must be signed in (or an
 * anonymous reading-room visitor reading), hold the endpoint's {@link Requires} permissions, and,
 * on an asset's path, be allowed to see that asset (404 otherwise, as for a missing one). Uses of
 * a record's content are noted here for the use register; a download of an original that must
 * state its purpose is refused without one.
 */
public class AccessGate {

    private static final Pattern ASSET_PATH = Pattern.compile("/api/v1/assets/([0-9a-fA-F-]{36})(/.*)?");
    private static final Pattern RENDITION = Pattern.compile("/renditions/([^/]+)(/.*)?");
    /** The paths of share links, open to whoever holds a link's secret (org.avmam.collections). */
    public static final String SHARED = "/api/v1/shared/";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final AccessPolicy policy;
    private final RequestAccess access;
    private final boolean readingRoom;

    public AccessGate(AccessPolicy policy, RequestAccess access, AvmamConfig config) {
        this.policy = policy;
        this.access = access;
        this.readingRoom = config.access().readingRoom();
    }

    @ServerRequestFilter
    public void gate(ContainerRequestContext request, ResourceInfo resource) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/")) {
            return;
        }
        if (path.startsWith(SHARED)) {
            // A share link's secret is its credential: the resource checks it and serves what the sharer may give.
            return;
        }
        Caller caller = policy.caller();
        boolean read = READS.contains(request.getMethod());
        Requires requires = requires(resource);
        if (caller.anonymous() && !(readingRoom && read && requires == null)) {
            access.denied("not signed in");
            throw new ApiException(401, "Unauthorized", "sign in first: send 'Authorization: Bearer <token>' (a personal token from POST /api/v1/auth/tokens), HTTP Basic credentials, or the session cookie of the sign-in form");
        }
        if (!read && requires == null) {
            access.denied("endpoint declares no permission");
            throw new ApiException(403, "Forbidden", "this endpoint declares no permission, so nobody may use it");
        }
        Matcher m = ASSET_PATH.matcher(path);
        UUID id = m.matches() ? uuid(m.group(1)) : null;
        if (id == null) {
            if (requires != null) {
                for (Permission p : requires.value()) {
                    policy.require(p);
                }
            }
            return;
        }
        // A read, with no transaction of its own: it goes through the request's session, as do the resource's reads outside a
        // transaction (a rendition's file). A resource that writes opens its own transaction and reads the record afresh there.
        Asset asset = policy.visible(id);
        if (requires != null) {
            for (Permission p : requires.value()) {
                policy.require(p, asset);
            }
        }
        if (read) {
            content(request, caller, asset, m.group(2) == null ? "" : m.group(2));
        }
    }

    /** The rules for a record's content: originals, renditions, transcripts and the raw probe output. */
    private void content(ContainerRequestContext request, Caller caller, Asset asset, String sub) {
        OpenParts parts = policy.parts(caller, asset);
        String purpose = request.getUriInfo().getQueryParameters().getFirst("purpose");
        purpose = purpose == null || purpose.isBlank() ? null : purpose.strip();
        boolean open = asset.openStatus == OpenStatus.OPEN;
        if (!open || asset.securityClassification != null && !policy.classificationPublic(asset.securityClassification)) {
            access.restricted();
        }
        if (sub.startsWith("/original")) {
            if (parts != null) {
                throw policy.hidden(asset.id);
            }
            if (!caller.has(Permission.DOWNLOAD_ORIGINAL)) {
                throw policy.forbidden(caller, Permission.DOWNLOAD_ORIGINAL, asset);
            }
            if ((!caller.staff() || asset.openStatus == OpenStatus.CLOSED) && purpose == null) {
                access.denied("download without a purpose");
                throw ApiException.badRequest("purpose is required: a download of this original is entered in the use register with the reason for it (add ?purpose=...)");
            }
            if (!caller.staff() || !open) {
                access.use(new RequestAccess.Use(asset.id, "DOWNLOAD", "original", purpose));
            }
            return;
        }
        Matcher r = RENDITION.matcher(sub);
        if (r.matches()) {
            if (parts != null && !parts.rendition(r.group(1))) {
                throw policy.hidden(asset.id);
            }
            if (!open) {
                access.use(new RequestAccess.Use(asset.id, "VIEW", "rendition:" + r.group(1), purpose));
            }
            return;
        }
        // Of a partly open record seen from outside: no raw probe output, no provenance (its events quote file names and
        // the values of description changes), no vocabulary links (persons and places the review may have kept closed).
        if (parts != null && (sub.startsWith("/technical/raw") || sub.startsWith("/provenance") || sub.startsWith("/terms"))) {
            throw policy.hidden(asset.id);
        }
        if (!open && (sub.startsWith("/transcript") || sub.startsWith("/index-points"))) {
            access.use(new RequestAccess.Use(asset.id, "VIEW", sub.startsWith("/transcript") ? "transcript" : "index points", purpose));
        }
        if (!open && sub.startsWith("/description") && request.getUriInfo().getQueryParameters().containsKey("format")) {
            access.use(new RequestAccess.Use(asset.id, "EXPORT", "description:" + request.getUriInfo().getQueryParameters().getFirst("format"),
                    purpose));
        }
    }

    /** Restricted records go out with Cache-Control: private, so no proxy or shared cache keeps a copy. */
    @org.jboss.resteasy.reactive.server.ServerResponseFilter
    public void privateCaching(jakarta.ws.rs.container.ContainerResponseContext response) {
        if (access.isRestricted()) {
            Object existing = response.getHeaders().getFirst("Cache-Control");
            response.getHeaders().putSingle("Cache-Control", existing == null ? "private" : "private, " + existing);
        }
    }

    private static Requires requires(ResourceInfo resource) {
        if (resource == null || resource.getResourceMethod() == null) {
            return null;
        }
        Requires r = resource.getResourceMethod().getAnnotation(Requires.class);
        return r != null ? r : resource.getResourceClass().getAnnotation(Requires.class);
    }

    private static UUID uuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
