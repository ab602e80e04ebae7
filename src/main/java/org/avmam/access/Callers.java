package org.avmam.access;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.EnumSet;
import java.util.Set;

/**
 * The caller of the current request, from Quarkus' security identity. Outside a request (pipeline
 * workers, the hot folder, start-up) the caller is the service itself.
 */
@ApplicationScoped
public class Callers {

    private final Instance<CurrentIdentityAssociation> identities;

    public Callers(Instance<CurrentIdentityAssociation> identities) {
        this.identities = identities;
    }

    public Caller current() {
        if (!Arc.container().requestContext().isActive()) {
            return Caller.SYSTEM;
        }
        SecurityIdentity identity = identities.get().getIdentity();
        return of(identity);
    }

    static Caller of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return Caller.ANONYMOUS;
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        identity.getRoles().forEach(r -> Role.named(r).ifPresent(roles::add));
        if (roles.isEmpty()) {
            // Signed in (an OIDC user whose claim names no avmam role): the least a signed-in user is.
            roles.add(Role.READER);
        }
        return Caller.user(identity.getPrincipal().getName(), roles);
    }
}
