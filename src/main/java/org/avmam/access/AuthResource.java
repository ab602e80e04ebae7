package org.avmam.access;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.avmam.api.ApiException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The caller and their personal API tokens. */
@Path("/api/v1/auth")
@Produces("application/json")
public class AuthResource {

    private final ApiTokens tokens;
    private final AccessPolicy policy;
    private final SecurityIdentity identity;

    public AuthResource(ApiTokens tokens, AccessPolicy policy, SecurityIdentity identity) {
        this.tokens = tokens;
        this.policy = policy;
        this.identity = identity;
    }

    public record Me(String username, List<Role> roles, boolean staff, List<Permission> permissions, String via) {}

    @GET
    @Path("me")
    @Requires({})
    @Operation(summary = "Who is signed in: user name, roles and what they permit")
    public Me me() {
        Caller c = policy.caller();
        return new Me(c.username(), List.copyOf(c.roles()), c.staff(),
                java.util.Arrays.stream(Permission.values()).filter(c::has).toList(), identity.getAttribute(PasswordIdentityProvider.VIA));
    }

    public record NewToken(String name, Instant expiresAt) {}

    @POST
    @Path("tokens")
    @Consumes("application/json")
    @Requires({})
    @Operation(summary = "Create a personal API token", description = "Sign in with the account's password (HTTP Basic or the "
            + "sign-in form); {\"name\": ..., \"expiresAt\": optional ISO instant}. Answers 201 with the token, shown this once.")
    public Response create(NewToken body) {
        if (!"password".equals(identity.getAttribute(PasswordIdentityProvider.VIA))) {
            throw new ApiException(403, "Forbidden", "a token is created with the account's password (HTTP Basic or the sign-in form), not with another token or a single sign-on session");
        }
        ApiTokens.Created t = tokens.create(policy.caller().username(), body == null ? null : body.name(), body == null ? null : body.expiresAt());
        return Response.created(URI.create("/api/v1/auth/tokens/" + t.id())).entity(t).build();
    }

    @GET
    @Path("tokens")
    @Requires({})
    @Operation(summary = "The caller's tokens (names, expiry, last use; never the tokens themselves)")
    public List<ApiTokens.TokenView> list() {
        return tokens.list(policy.caller().username());
    }

    @DELETE
    @Path("tokens/{id}")
    @Requires({})
    @Operation(summary = "Revoke one of the caller's tokens")
    public ApiTokens.TokenView revoke(@PathParam("id") UUID id) {
        return tokens.revoke(policy.caller().username(), id);
    }
}
