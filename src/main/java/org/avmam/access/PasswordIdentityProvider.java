package org.avmam.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/** Checks a user name and password (HTTP Basic, and the sign-in form) against the local accounts. */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    public static final String VIA = "avmam.via";

    private final Accounts accounts;
    private final Event<AccessEvent> events;

    public PasswordIdentityProvider(Accounts accounts, Event<AccessEvent> events) {
        this.accounts = accounts;
        this.events = events;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        String client = rc == null || rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().hostAddress();
        String resource = rc == null ? "sign-in" : rc.request().path();
        String username = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        return context.runBlocking(() -> {
            Accounts.Check check = accounts.check(username, password);
            switch (check.outcome()) {
                case OK -> {
                    events.fire(new AccessEvent(check.account().username, client, "SIGN_IN", resource, true, "password"));
                    return QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(check.account().username))
                            .addRole(check.account().role.name())
                            .addAttribute(VIA, "password")
                            .build();
                }
                case LOCKED -> {
                    events.fire(new AccessEvent(username, client, "SIGN_IN", resource, false, "locked until " + check.lockedUntil()));
                    throw SignInThrottled.failure(check.lockedUntil());
                }
                case DISABLED -> {
                    events.fire(new AccessEvent(username, client, "SIGN_IN", resource, false, "account disabled"));
                    throw new AuthenticationFailedException("the account '" + check.account().username + "' is disabled");
                }
                default -> {
                    events.fire(new AccessEvent(username, client, "SIGN_IN", resource, false, "wrong user name or password"));
                    throw new AuthenticationFailedException("wrong user name or password");
                }
            }
        });
    }
}
