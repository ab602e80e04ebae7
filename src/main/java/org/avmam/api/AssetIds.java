package org.avmam.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The {@code "assets": [ids]} of a request that acts on many assets at once, read and checked. */
public final class AssetIds {

    public static final int MAX = 1000;

    private AssetIds() {}

    public static List<UUID> of(JsonNode body, String shape) {
        if (body == null || !body.path("assets").isArray() || body.path("assets").isEmpty()) {
            throw ApiException.badRequest("the body is {0}", shape);
        }
        if (body.path("assets").size() > MAX) {
            throw ApiException.badRequest("at most {0} assets at once", MAX);
        }
        List<UUID> ids = new ArrayList<>();
        for (JsonNode n : body.path("assets")) {
            try {
                ids.add(UUID.fromString(n.asText()));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("'{0}' is not an asset id", n.asText());
            }
        }
        if (ids.stream().distinct().count() != ids.size()) {
            throw ApiException.badRequest("an asset is named twice");
        }
        return ids;
    }
}
