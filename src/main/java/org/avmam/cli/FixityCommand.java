package org.avmam.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "fixity", mixinStandardHelpOptions = true,
        description = {"Start a fixity audit on a running avmam server: every copy of the originals (--all) or of the named assets "
                + "(--asset) is hashed again in every store and compared with its recorded SHA-256; a damaged or missing copy is "
                + "repaired from a sound one. The server's workers do the work; this command shows the progress and the findings "
                + "(Ctrl-C stops watching, not the audit). Exit status: 0 all sound, 1 something was repaired or is damaged, "
                + "2 the audit could not start."})
public class FixityCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ArgGroup(multiplicity = "1")
    Scope scope;

    static class Scope {
        @Option(names = "--all", required = true, description = "Every original.")
        boolean all;

        @Option(names = "--asset", required = true, description = "An asset id (repeatable).")
        List<String> assets;
    }

    @Option(names = "--no-wait", description = "Start the audit and return at once.")
    boolean noWait;

    @Mixin
    ServerOption server;

    @Override
    public Integer call() throws Exception {
        String body = null;
        if (!scope.all) {
            ObjectNode b = JSON.createObjectNode();
            scope.assets.forEach(b.putArray("assets")::add);
            body = b.toString();
        }
        HttpResponse<String> r = body == null ? server.post("/api/v1/storage/fixity") : server.send("POST", "/api/v1/storage/fixity", body);
        if (r.statusCode() != 202) {
            System.err.println("avmam fixity: " + Problems.describe(r));
            return 2;
        }
        JsonNode a = JSON.readTree(r.body()).path("audit");
        long id = a.path("id").asLong();
        System.err.printf("Fixity audit %d started: %d original(s).%n", id, a.path("total").asInt());
        if (noWait) {
            return 0;
        }
        ProgressBar bar = new ProgressBar(System.err, System.console() != null);
        while (true) {
            a = status(id);
            bar.update(a.path("checked").asInt(), Math.max(a.path("total").asInt(), a.path("checked").asInt()), 0, 0);
            if (!"RUNNING".equals(a.path("state").asText())) {
                System.err.printf("%nChecked %d: %d with a bad copy, %d repaired, %d damaged beyond repair.%n", a.path("checked").asInt(),
                        a.path("failed").asInt(), a.path("repaired").asInt(), a.path("damaged").asInt());
                for (JsonNode f : a.path("findings")) {
                    System.out.println(f.path("outcome").asText() + "\t" + f.path("sha256").asText());
                }
                return a.path("failed").asInt() == 0 && a.path("damaged").asInt() == 0 ? 0 : 1;
            }
            Thread.sleep(1000);
        }
    }

    private JsonNode status(long id) throws IOException, InterruptedException {
        HttpResponse<String> r = server.get("/api/v1/storage/fixity/" + id);
        if (r.statusCode() != 200) {
            throw new IOException(Problems.describe(r));
        }
        return JSON.readTree(r.body());
    }
}
