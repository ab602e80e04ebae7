package org.avmam.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;

/** The server's problem+json answer in one line for the terminal. */
final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {}

    static String describe(HttpResponse<String> r) {
        try {
            JsonNode p = JSON.readTree(r.body());
            return r.statusCode() + " " + p.path("detail").asText(r.body());
        } catch (IOException e) {
            return r.statusCode() + " " + r.body();
        }
    }
}
