package org.avmam.access;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.avmam.api.ApiException;
import org.avmam.asset.Asset;
import org.avmam.asset.AssetService;
import org.avmam.asset.OpenStatus;
import org.avmam.common.Json;
import org.avmam.config.AvmamConfig;

/**
 * The one record policy. Whether a caller may see a record is decided by its open status, its
 * security classification and the caller's roles (and whether the caller uploaded it), here and
 * nowhere else: the asset gate, every listing query and every search filter are built from the
 * same rules. A record the caller may not see is answered exactly as a missing one (404).
 */
@ApplicationScoped
public class AccessPolicy {

    private final Callers callers;
    private final List<String> publicClassifications;

    public AccessPolicy(Callers callers, AvmamConfig config) {
        this.callers = callers;
        this.publicClassifications = config.search().publicClassifications();
    }

    public Caller caller() {
        return callers.current();
    }

    /** The open statuses whose records the caller sees (besides the ones they uploaded). */
    public static Set<OpenStatus> statuses(Caller c) {
        Set<OpenStatus> s = EnumSet.of(OpenStatus.OPEN, OpenStatus.PARTLY_OPEN);
        if (c.has(Permission.SEE_UNREVIEWED)) {
            s.add(OpenStatus.UNREVIEWED);
        }
        if (c.has(Permission.SEE_CLOSED)) {
            s.add(OpenStatus.CLOSED);
        }
        return s;
    }

    public boolean maySee(Caller c, Asset a) {
        if (a.removedAt != null) {
            return false; // disposed of or deleted: its tombstone is all that is left, under /api/v1/disposals
        }
        if (c.kind() == Caller.Kind.SYSTEM || c.is(a.uploadedBy)) {
            return true;
        }
        if (!c.has(Permission.SEE_CLASSIFIED) && !classificationPublic(a.securityClassification)) {
            return false;
        }
        return statuses(c).contains(a.openStatus);
    }

    /** Whether the caller sees all of the record, or only the parts a PARTLY_OPEN review opened. */
    public boolean seesWhole(Caller c, Asset a) {
        return a.openStatus != OpenStatus.PARTLY_OPEN || c.kind() == Caller.Kind.SYSTEM || c.has(Permission.SEE_CLOSED)
                || c.is(a.uploadedBy);
    }

    /** The parts of the record the caller is served: null when it is the whole record. */
    public OpenParts parts(Caller c, Asset a) {
        return seesWhole(c, a) ? null : OpenParts.read(a.openParts);
    }

    public boolean classificationPublic(String classification) {
        return classification == null || publicClassifications.contains(classification);
    }

    /** The asset if the current caller may see it; otherwise the same 404 as for a missing one. */
    public Asset visible(UUID id) {
        Asset a = AssetService.require(id);
        if (!maySee(caller(), a)) {
            throw hidden(id);
        }
        return a;
    }

    /** Every one of these assets, or 404 naming the first the caller may not see (bulk actions). */
    public List<Asset> visible(Collection<UUID> ids) {
        List<Asset> out = new ArrayList<>();
        for (UUID id : ids) {
            out.add(visible(id));
        }
        return out;
    }

    /** The 404 of a record that exists but is not the caller's to see; the denial is kept for the audit log. */
    public ApiException hidden(UUID id) {
        if (Arc.container().requestContext().isActive()) {
            Arc.container().instance(RequestAccess.class).get().denied("record " + id + " is not visible to this caller");
        }
        return AssetService.notFound(id);
    }

    public boolean permits(Caller c, Permission p, Asset a) {
        if (c.has(p)) {
            return true;
        }
        // A photographer describes their own shoot until an archivist has coded it.
        return p == Permission.DESCRIBE && c.roles().contains(Role.PHOTOGRAPHER) && c.is(a.uploadedBy) && a.archivalCode == null;
    }

    public void require(Permission p) {
        Caller c = caller();
        if (!c.has(p)) {
            throw forbidden(c, p, null);
        }
    }

    public void require(Permission p, Asset a) {
        Caller c = caller();
        if (!maySee(c, a)) {
            throw hidden(a.id);
        }
        if (!permits(c, p, a)) {
            throw forbidden(c, p, a);
        }
    }

    public ApiException forbidden(Caller c, Permission p, Asset a) {
        String action = p.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        boolean ownUploads = a != null && p == Permission.DESCRIBE && c.roles().contains(Role.PHOTOGRAPHER);
        ApiException refusal;
        if (c.anonymous()) {
            refusal = a == null ? new ApiException(403, "Forbidden", "an anonymous visitor may not {0}", action)
                    : new ApiException(403, "Forbidden", "an anonymous visitor may not {0} asset {1}", action, a.id);
        } else if (a == null) {
            refusal = new ApiException(403, "Forbidden", "'{0}' ({1}) may not {2}", c.username(), c.roles(), action);
        } else if (ownUploads) {
            refusal = new ApiException(403, "Forbidden", "'{0}' ({1}) may not {2} asset {3} (a photographer describes their own uploads until "
                    + "they are coded)", c.username(), c.roles(), action, a.id);
        } else {
            refusal = new ApiException(403, "Forbidden", "'{0}' ({1}) may not {2} asset {3}", c.username(), c.roles(), action, a.id);
        }
        if (Arc.container().requestContext().isActive()) {
            Arc.container().instance(RequestAccess.class).get().denied(refusal.getMessage());
        }
        return refusal;
    }

    /** A JPQL condition on an Asset alias limiting a listing to what the caller sees, with its parameters. */
    public record Filter(String jpql, Map<String, Object> params) {}

    /** As {@link #filter(Caller, String)} on the query's own entity, unqualified. */
    public Filter filter(Caller c) {
        return filter(c, null);
    }

    public Filter filter(Caller c, String alias) {
        String p = alias == null ? "" : alias + ".";
        String present = p + "removedAt is null";
        if (c.kind() == Caller.Kind.SYSTEM || (c.has(Permission.SEE_CLOSED) && c.has(Permission.SEE_CLASSIFIED))) {
            return new Filter(present, Map.of());
        }
        Map<String, Object> params = new HashMap<>();
        params.put("accessStatuses", List.copyOf(statuses(c)));
        String visible = p + "openStatus in :accessStatuses";
        if (!c.has(Permission.SEE_CLASSIFIED)) {
            visible += " and (" + p + "securityClassification is null or " + p + "securityClassification in :accessPublic)";
            params.put("accessPublic", publicClassifications.isEmpty() ? List.of("\u0000") : publicClassifications);
        }
        if (c.username() != null) {
            params.put("accessMe", c.username());
            return new Filter("(" + present + " and ((" + visible + ") or " + p + "uploadedBy = :accessMe))", params);
        }
        return new Filter("(" + present + " and " + visible + ")", params);
    }

    /** The OpenSearch filter clause with the same rules, or null when the caller sees everything. */
    public ObjectNode searchFilter(Caller c) {
        return searchFilter(c, publicClassifications);
    }

    public static ObjectNode searchFilter(Caller c, List<String> publicClassifications) {
        if (c.kind() == Caller.Kind.SYSTEM || (c.has(Permission.SEE_CLOSED) && c.has(Permission.SEE_CLASSIFIED))) {
            return null;
        }
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode outer = root.putObject("bool");
        ArrayNode should = outer.putArray("should");
        outer.put("minimum_should_match", 1);
        ArrayNode must = should.addObject().putObject("bool").putArray("filter");
        ArrayNode open = must.addObject().putObject("terms").putArray("openStatus");
        statuses(c).forEach(s -> open.add(s.name()));
        if (!c.has(Permission.SEE_CLASSIFIED)) {
            ArrayNode either = must.addObject().putObject("bool").putArray("should");
            either.addObject().putObject("bool").putArray("must_not").addObject().putObject("exists").put("field", "securityClassification");
            ArrayNode allowed = either.addObject().putObject("terms").putArray("securityClassification");
            publicClassifications.forEach(allowed::add);
        }
        if (c.username() != null) {
            should.addObject().putObject("term").put("uploadedBy", c.username());
        }
        return root;
    }
}
