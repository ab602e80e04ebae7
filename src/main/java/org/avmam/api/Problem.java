package org.avmam.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem detail, the body of every 4xx and 5xx answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** The JSON of a problem, for answers given below JAX-RS (on the event loop). */
    public static String json(int status, String title, String detail) {
        try {
            return org.avmam.common.Json.mapper().writeValueAsString(new Problem("about:blank", title, status, detail, null));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
