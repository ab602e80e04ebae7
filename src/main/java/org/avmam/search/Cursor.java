package org.avmam.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.avmam.common.Json;

/**
 * The opaque {@code next} of a page: the last hit's sort values (for search_after) and the sort
 * they belong to, base64url JSON. A cursor made for another sort, or not made by us, is a 400.
 */
public record Cursor(SearchRequest.Sort sort, boolean ascending, ArrayNode after) {

    public String encode() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("s", sort.name()).put("a", ascending).set("v", after);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(o).getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            JsonNode o = Json.mapper().readTree(new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.UTF_8));
            if (!(o.path("v") instanceof ArrayNode v) || v.isEmpty()) {
                throw new IllegalArgumentException("no sort values");
            }
            return new Cursor(SearchRequest.Sort.valueOf(o.path("s").asText()), o.path("a").asBoolean(), v);
        } catch (Exception e) {
            throw new QueryParser.QuerySyntax("cursor is not one this server made (pass the 'next' of the previous page as it was)");
        }
    }
}
