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

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    URI uri(String path) {
        return server.resolve(path);
    }

    HttpResponse<String> get(String path) throws java.io.IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path) throws java.io.IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
