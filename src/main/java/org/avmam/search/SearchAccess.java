package org.avmam.search;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import org.avmam.asset.OpenStatus;
import org.avmam.common.Json;
import org.avmam.config.AvmamConfig;
import org.avmam.config.AvmamConfig.Search.Audience;

/**
 * The one place every search passes through to be limited to what its audience may see. Staff see
 * every record; the public sees records whose open review opened them (whole or in part) and whose
 * classification is one the archive lists as public (or unset). When sign-in arrives the caller's
 * role picks the audience here, and nowhere else changes.
 */
@ApplicationScoped
public class SearchAccess {

    private final AvmamConfig.Search config;

    public SearchAccess(AvmamConfig config) {
        this.config = config.search();
    }

    /** The audience of this node's searches (avmam.search.audience) until callers carry a role. */
    public Audience audience() {
        return config.audience();
    }

    /** The filter clause for the audience, or null when it may see everything. */
    public ObjectNode filter(Audience audience) {
        return filter(audience, config.publicClassifications());
    }

    static ObjectNode filter(Audience audience, List<String> publicClassifications) {
        if (audience == Audience.STAFF) {
            return null;
        }
        ObjectNode bool = Json.mapper().createObjectNode();
        ArrayNode must = bool.putObject("bool").putArray("filter");
        ArrayNode open = must.addObject().putObject("terms").putArray("openStatus");
        Arrays.stream(OpenStatus.values()).filter(OpenStatus::publiclyVisible).forEach(s -> open.add(s.name()));
        ArrayNode either = must.addObject().putObject("bool").putArray("should");
        either.addObject().putObject("bool").putArray("must_not").addObject().putObject("exists").put("field", "securityClassification");
        ArrayNode allowed = either.addObject().putObject("terms").putArray("securityClassification");
        publicClassifications.forEach(allowed::add);
        return bool;
    }
}
