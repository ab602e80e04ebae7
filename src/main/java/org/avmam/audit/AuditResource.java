package org.avmam.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.avmam.access.Permission;
import org.avmam.access.Requires;
import org.avmam.api.ApiException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The audit log (admin) and the use register (archivist, admin). */
@Path("/api/v1")
@Produces("application/json")
public class AuditResource {

    private final AuditLog log;
    private final UseRegister register;

    public AuditResource(AuditLog log, UseRegister register) {
        this.log = log;
        this.register = register;
    }

    public record EntryView(long seq, Instant at, String user, String client, String action, String resource, String decision,
            Integer status, String detail, String hash) {}

    @GET
    @Path("audit")
    @Requires(Permission.MANAGE_USERS)
    @Operation(summary = "The audit log, newest first", description = "Filter by user, resource (a path prefix), decision "
            + "(ALLOWED or DENIED) and period (from, to: ISO instants).")
    public List<EntryView> audit(@QueryParam("user") String user, @QueryParam("resource") String resource,
            @QueryParam("decision") String decision, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page, @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        String d = decision == null ? null : decision.toUpperCase(Locale.ROOT);
        if (d != null && !d.equals("ALLOWED") && !d.equals("DENIED")) {
            throw ApiException.badRequest("decision is ALLOWED or DENIED (got '{0}')", decision);
        }
        return log.find(user, resource, d, instant(from, "from"), instant(to, "to"), page, size).stream()
                .map(a -> new EntryView(a.seq, a.at, a.username, a.client, a.action, a.resource, a.decision, a.status, a.detail, a.hash))
                .toList();
    }

    @GET
    @Path("audit/verify")
    @Requires(Permission.MANAGE_USERS)
    @Operation(summary = "Check the audit log's hash chain", description = "intact, or the first entry that was removed or altered.")
    public AuditLog.Verification verify() {
        return log.verify();
    }

    @GET
    @Path("use-register")
    @Produces({"application/json", "text/csv"})
    @Requires(Permission.READ_USE_REGISTER)
    @Operation(summary = "The use register (利用登记)", description = "Filter by user, asset and period; format=csv for a spreadsheet.")
    public Response uses(@QueryParam("user") String user, @QueryParam("asset") UUID asset, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("format") String format,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page, @QueryParam("size") @DefaultValue("1000") @Min(1) @Max(100000) int size) {
        List<UseRegister.UseView> uses = register.find(user, asset, instant(from, "from"), instant(to, "to"), page, size);
        if ("csv".equalsIgnoreCase(format)) {
            return Response.ok(UseRegister.csv(uses), "text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"use-register.csv\"").build();
        }
        if (format != null && !format.equalsIgnoreCase("json")) {
            throw ApiException.badRequest("format is json or csv (got '{0}')", format);
        }
        return Response.ok(uses, "application/json").build();
    }

    static Instant instant(String s, String name) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return s.length() == 10 ? java.time.LocalDate.parse(s).atStartOfDay(java.time.ZoneOffset.UTC).toInstant() : Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("{0} is a date (2026-01-31) or an ISO instant (2026-01-31T08:00:00Z); got '{1}'", name, s);
        }
    }
}
