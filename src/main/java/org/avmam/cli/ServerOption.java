package org.avmam.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The server a command talks to ({@code --server}, else AVMAM_SERVER), shared by every command as a picocli mixin. */
public class ServerOption {

    @Option(names = "--server", defaultValue = "${env:AVMAM_SERVER:-http://localhost:8080}", description = "Server URL (default: ${DEFAULT-VALUE}).")
    URI server;

    @Option(names = "--token", defaultValue = "${env:AVMAM_TOKEN}", description = "Personal API token (default: AVMAM_TOKEN); "
            + "make one with POST /api/v1/auth/tokens.")
    String token;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    URI uri(String path) {
        return server.resolve(path);
    }

    /** A request to the server, signed in with the token when there is one. */
    HttpRequest.Builder request(String path) {
        return signed(HttpRequest.newBuilder(uri(path)), token);
    }

    static HttpRequest.Builder signed(HttpRequest.Builder b, String token) {
        return token == null || token.isBlank() ? b : b.header("Authorization", "Bearer " + token.strip());
    }

    HttpResponse<String> get(String path) throws java.io.IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path) throws java.io.IOException, InterruptedException {
        return http.send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String json) throws java.io.IOException, InterruptedException {
        return http.send(request(path).header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
