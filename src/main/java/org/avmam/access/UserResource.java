package org.avmam.access;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Account management (admin). */
@Path("/api/v1/users")
@Produces("application/json")
@Requires(Permission.MANAGE_USERS)
public class UserResource {

    private final Accounts accounts;

    public UserResource(Accounts accounts) {
        this.accounts = accounts;
    }

    @POST
    @Consumes("application/json")
    @Operation(summary = "Create a local account", description = "{\"username\", \"password\", \"role\", \"displayName\"}; roles "
            + "ADMIN, ARCHIVIST, PHOTOGRAPHER, EDITOR, EXHIBITION, READER.")
    public Response create(Accounts.NewAccount n) {
        Accounts.AccountView v = accounts.create(n);
        return Response.created(URI.create("/api/v1/users/" + v.username())).entity(v).build();
    }

    @GET
    public List<Accounts.AccountView> list() {
        return accounts.list();
    }

    @GET
    @Path("{username}")
    public Accounts.AccountView get(@PathParam("username") String username) {
        return accounts.get(username);
    }

    @PATCH
    @Path("{username}")
    @Consumes({"application/json", "application/merge-patch+json"})
    @Operation(summary = "Change an account", description = "password, role, disabled, displayName; a new password lifts a lock.")
    public Accounts.AccountView update(@PathParam("username") String username, Accounts.AccountPatch p) {
        return accounts.update(username, p);
    }
}
