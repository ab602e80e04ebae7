package org.avmam.access;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.avmam.api.Languages;
import org.avmam.api.Problem;
import org.avmam.api.ProblemTexts;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rules below JAX-RS, for every path including the sign-in form's {@code j_security_check}:
 * <ul>
 * <li>a state-changing request that carries the session cookie must come from our own origin
 * (the browser's Sec-Fetch-Site and Origin headers say where it came from): a cookie replayed
 * cross-site is refused, which with SameSite=Strict cookies is the CSRF protection;</li>
 * <li>an API token is taken from the Authorization header only; one sent as a cookie is refused;</li>
 * <li>a failed sign-in answers problem+json, 401, or 429 with Retry-After once the account is locked.</li>
 * </ul>
 */
@ApplicationScoped
public class BrowserGuard {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final String sessionCookie;
    private final ProblemTexts texts;

    public BrowserGuard(@ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential") String sessionCookie,
            ProblemTexts texts) {
        this.sessionCookie = sessionCookie;
        this.texts = texts;
    }

    void route(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::check);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failure);
    }

    private void check(RoutingContext ctx) {
        for (Cookie c : ctx.request().cookies()) {
            if (ApiTokens.looksLikeToken(c.getValue())) {
                problem(ctx, 401, "Unauthorized", "an API token is accepted in the Authorization header only ('Authorization: Bearer "
                        + "<token>'), never as a cookie; the request was not signed in");
                return;
            }
        }
        boolean signInForm = ctx.request().path().endsWith("/j_security_check");
        boolean usesCookie = ctx.request().getCookie(sessionCookie) != null && ctx.request().getHeader("Authorization") == null;
        if (!SAFE.contains(ctx.request().method()) && (usesCookie || signInForm) && crossSite(ctx)) {
            problem(ctx, 403, "Forbidden", "a request from another site may not use this site's sign-in (cross-site request refused: "
                    + "Sec-Fetch-Site {0}, Origin {1})", ctx.request().getHeader("Sec-Fetch-Site"), ctx.request().getHeader("Origin"));
            return;
        }
        ctx.next();
    }

    static boolean crossSite(RoutingContext ctx) {
        String site = ctx.request().getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return true;
        }
        String origin = ctx.request().getHeader("Origin");
        if (origin == null) {
            return false;
        }
        try {
            String host = ctx.request().authority() == null ? null : ctx.request().authority().toString();
            URI o = URI.create(origin);
            String originHost = o.getHost() + (o.getPort() == -1 ? "" : ":" + o.getPort());
            return host == null || !host.equalsIgnoreCase(originHost);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private void failure(RoutingContext ctx) {
        Throwable f = ctx.failure();
        while (f != null && !(f instanceof AuthenticationFailedException) && f.getCause() != null && f.getCause() != f) {
            f = f.getCause();
        }
        if (f instanceof AuthenticationFailedException && f.getCause() instanceof SignInThrottled t) {
            long seconds = Math.max(1, Duration.between(Instant.now(), t.until()).toSeconds());
            ctx.response().putHeader("Retry-After", String.valueOf(seconds));
            problem(ctx, 429, "Too many requests", t.getMessage());
        } else if (f instanceof AuthenticationFailedException a) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"avmam\"");
            problem(ctx, 401, "Unauthorized", a.getMessage() == null ? "the credentials were not accepted" : a.getMessage());
        } else {
            ctx.next();
        }
    }

    private void problem(RoutingContext ctx, int status, String title, String detail, Object... args) {
        if (ctx.response().ended()) {
            return;
        }
        String language = Languages.choose(ctx.request());
        ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Content-Language", language)
                .end(Problem.json(status, texts.title(language, title), texts.detail(language, detail, args)));
    }
}
