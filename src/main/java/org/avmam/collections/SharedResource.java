package org.avmam.collections;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.avmam.access.RequestAccess;
import org.avmam.api.ApiException;
import org.avmam.transcode.FileDelivery;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * What an outside partner opens with a share link. No sign-in: the secret in the path is the
 * credential. Every use is counted on the link and written to the audit log under the link's
 * name, and every file it hands out goes into the use register.
 */
@Path("/api/v1/shared/{token}")
@Produces("application/json")
public class SharedResource {

    private final ShareLinks links;
    private final RequestAccess access;

    public SharedResource(ShareLinks links, RequestAccess access) {
        this.links = links;
        this.access = access;
    }

    @GET
    @Operation(summary = "The shared collection: its title and the items the link gives, each with its preview (and download) path")
    public Response open(@PathParam("token") String token) {
        ShareLinks.Grant g = grant(token);
        return private_(Response.ok(links.open(g))).build();
    }

    @GET
    @Path("items/{item}/preview")
    @Produces({"application/json", "image/*", "video/*", "audio/*"})
    @Operation(summary = "An item's preview (watermarked when the link says so): 202 with progress while it is made, then the file")
    public Response preview(@PathParam("token") String token, @PathParam("item") UUID item, @Context Request request,
            @HeaderParam("Range") String range) {
        ShareLinks.Grant g = grant(token);
        return deliver(g, links.preview(g, item), "VIEW", request, range, false);
    }

    @GET
    @Path("items/{item}/download")
    @Produces({"application/json", "*/*"})
    @Operation(summary = "An item's file, on a DOWNLOAD link: its chosen rendition, its clip export, or the original")
    public Response download(@PathParam("token") String token, @PathParam("item") UUID item, @Context Request request,
            @HeaderParam("Range") String range) {
        ShareLinks.Grant g = grant(token);
        return deliver(g, links.download(g, item), "DOWNLOAD", request, range, true);
    }

    private ShareLinks.Grant grant(String token) {
        try {
            ShareLinks.Grant g = links.resolve(token);
            access.actor(g.actor(), "SHARED_BY:" + g.link().createdBy);
            access.restricted();
            return g;
        } catch (ApiException e) {
            access.denied("share link: " + e.getMessage());
            throw e;
        }
    }

    private Response deliver(ShareLinks.Grant g, ShareLinks.Delivery d, String kind, Request request, String range, boolean attachment) {
        return switch (d) {
            case ShareLinks.Delivery.File f -> {
                access.use(new RequestAccess.Use(f.asset(), kind, f.item(), "share link: " + g.link().label));
                yield private_(Response.fromResponse(FileDelivery.serve(f.path(), f.contentType(), request, range,
                        attachment ? f.name() : null))).build();
            }
            case ShareLinks.Delivery.Pending p -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("state", p.state());
                out.put("progress", p.progress());
                out.put("retry", "ask again shortly");
                yield private_(Response.accepted(out).header("Retry-After", "5")).build();
            }
        };
    }

    /** The secret is in the URL: it must not leak through a Referer, nor stay in a shared cache. */
    private static Response.ResponseBuilder private_(Response.ResponseBuilder b) {
        return b.header("Referrer-Policy", "no-referrer").header("Cache-Control", null).header("Cache-Control", "no-store");
    }
}
