package org.avmam.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "renditions", mixinStandardHelpOptions = true, description = "Renditions held by a running avmam server.",
        subcommands = {RenditionsCommand.Rebuild.class})
public class RenditionsCommand {

    @Command(name = "rebuild", mixinStandardHelpOptions = true,
            description = {"Remake a profile's renditions: those missing, FAILED or made by an older version of the profile "
                    + "(--all: every one). The server queues the renders and its workers make them; this command shows their "
                    + "progress until none is left (Ctrl-C stops watching, not the work)."})
    public static class Rebuild implements Callable<Integer> {

        private static final ObjectMapper JSON = new ObjectMapper();

        @Option(names = "--profile", required = true, description = "Profile name, e.g. video-proxy-720p.")
        String profile;

        @Option(names = "--all", description = "Remake every rendition, not only missing, failed and older ones.")
        boolean all;

        @Option(names = "--no-wait", description = "Queue the renders and return at once.")
        boolean noWait;

        @Mixin
        ServerOption server;

        @Override
        public Integer call() throws Exception {
            String name = URLEncoder.encode(profile, StandardCharsets.UTF_8);
            HttpResponse<String> r = server.post("/api/v1/profiles/" + name + "/rebuild?all=" + all);
            if (r.statusCode() != 202) {
                System.err.println("avmam renditions rebuild: " + Problems.describe(r));
                return 2;
            }
            JsonNode q = JSON.readTree(r.body());
            System.err.printf("%s version %d: %d renders queued, %d already queued, %d up to date.%n", q.path("profile").asText(),
                    q.path("version").asInt(), q.path("queued").asInt(), q.path("alreadyQueued").asInt(), q.path("upToDate").asInt());
            if (noWait) {
                return 0;
            }
            int total = q.path("queued").asInt() + q.path("alreadyQueued").asInt();
            ProgressBar bar = new ProgressBar(System.err, System.console() != null);
            long failedBefore = -1;
            while (true) {
                JsonNode s = status(name);
                long open = s.path("pending").asLong() + s.path("running").asLong();
                long failed = s.path("failed").asLong();
                if (failedBefore < 0) {
                    failedBefore = failed;
                }
                bar.update((int) Math.max(0, total - open), total, 0, (int) Math.max(0, failed - failedBefore));
                if (open == 0) {
                    System.err.printf("%nDone: %d current, %d older, %d failed renditions of %s.%n", s.path("current").asLong(),
                            s.path("older").asLong(), failed, profile);
                    return failed > failedBefore ? 1 : 0;
                }
                Thread.sleep(1000);
            }
        }

        private JsonNode status(String name) throws IOException, InterruptedException {
            HttpResponse<String> r = server.get("/api/v1/profiles/" + name);
            if (r.statusCode() != 200) {
                throw new IOException(Problems.describe(r));
            }
            return JSON.readTree(r.body());
        }
    }
}
