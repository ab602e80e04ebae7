package org.avmam.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "reindex", mixinStandardHelpOptions = true,
        description = {"Rebuild the search index of a running avmam server from its database: every asset is written into a new "
                + "index while searches go on against the old one, then the alias moves to the new index (no downtime). "
                + "The server's workers do the work and a restart goes on where it stopped; this command shows the progress "
                + "(Ctrl-C stops watching, not the reindex)."})
public class ReindexCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--no-wait", description = "Start the reindex and return at once.")
    boolean noWait;

    @Mixin
    ServerOption server;

    @Override
    public Integer call() throws Exception {
        HttpResponse<String> r = server.post("/api/v1/search/reindex");
        if (r.statusCode() != 202) {
            System.err.println("avmam reindex: " + Problems.describe(r));
            return 2;
        }
        JsonNode started = JSON.readTree(r.body());
        JsonNode s = started.path("reindex");
        long id = s.path("id").asLong();
        System.err.printf("Reindex %d %s: %d assets into %s.%n", id, started.path("alreadyRunning").asBoolean() ? "was already running"
                : "started", s.path("total").asLong(), s.path("targetIndex").asText());
        if (noWait) {
            return 0;
        }
        ProgressBar bar = new ProgressBar(System.err, System.console() != null);
        while (true) {
            s = status(id);
            bar.update((int) s.path("done").asLong(), (int) Math.max(s.path("total").asLong(), s.path("done").asLong()), 0, 0);
            switch (s.path("state").asText()) {
                case "DONE" -> {
                    System.err.printf("%nDone: %d documents in %s, now behind the alias.%n", s.path("done").asLong(),
                            s.path("targetIndex").asText());
                    return 0;
                }
                case "FAILED", "CANCELLED" -> {
                    System.err.printf("%nReindex %d %s: %s%n", id, s.path("state").asText().toLowerCase(), s.path("error").asText(""));
                    return 1;
                }
                default -> Thread.sleep(1000);
            }
        }
    }

    private JsonNode status(long id) throws IOException, InterruptedException {
        HttpResponse<String> r = server.get("/api/v1/search/reindex/" + id);
        if (r.statusCode() != 200) {
            throw new IOException(Problems.describe(r));
        }
        return JSON.readTree(r.body());
    }
}
