package org.avmam.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import org.avmam.config.AvmamConfig;

/**
 * The content security policy of the web application's pages and files (the API keeps its own, stricter one):
 * scripts and styles from this site only and none inline; images and media from this site (blob: for hls.js's
 * media source), plus the map tile server when one is configured; no framing, no plugins, forms post only here.
 */
@ApplicationScoped
public class PageHeaders {

    private final String policy;

    public PageHeaders(AvmamConfig config) {
        String tiles = config.web().mapTiles().map(PageHeaders::origin).orElse("");
        this.policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:" + tiles
                + "; media-src 'self' blob:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                + "form-action 'self'; frame-ancestors 'none'";
    }

    /** " https://tiles.example.org" of a tile URL template, so the policy lets its images load. */
    static String origin(String template) {
        try {
            URI u = URI.create(template.replace("{", "").replace("}", ""));
            if (u.getScheme() == null || u.getHost() == null) {
                return "";
            }
            return " " + u.getScheme() + "://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("avmam.web.map-tiles is not a URL template: " + template, e);
        }
    }

    public String policy() {
        return policy;
    }

    void route(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(this::headers);
    }

    private void headers(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path != null && !path.startsWith("/api/") && !path.startsWith("/q/")) {
            ctx.response().putHeader("Content-Security-Policy", policy).putHeader("Referrer-Policy", "same-origin");
        }
        ctx.next();
    }
}
