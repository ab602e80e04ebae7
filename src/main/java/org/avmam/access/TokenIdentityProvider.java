package org.avmam.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<TokenRequest> {

    private final ApiTokens tokens;
    private final Event<AccessEvent> events;

    public TokenIdentityProvider(ApiTokens tokens, Event<AccessEvent> events) {
        this.tokens = tokens;
        this.events = events;
    }

    @Override
    public Class<TokenRequest> getRequestType() {
        return TokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenRequest request, AuthenticationRequestContext context) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        String client = rc == null || rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().hostAddress();
        String resource = rc == null ? "token" : rc.request().path();
        ApiTokens.Known known = tokens.cached(request.token());
        if (known != null) {
            return Uni.createFrom().item(identity(known.username(), known.role()));
        }
        return context.runBlocking(() -> {
            ApiTokens.Resolved r = tokens.resolve(request.token());
            if (r.account() == null) {
                events.fire(new AccessEvent(r.username(), client, "TOKEN", resource, false, r.problem()));
                throw new AuthenticationFailedException(r.problem());
            }
            return identity(r.account().username, r.account().role);
        });
    }

    private static SecurityIdentity identity(String username, Role role) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(username))
                .addRole(role.name())
                .addAttribute(PasswordIdentityProvider.VIA, "token")
                .build();
    }
}
