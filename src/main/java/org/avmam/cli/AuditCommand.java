package org.avmam.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code avmam audit verify}: checks the audit log's hash chain on a running server (an admin's token). */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The audit log.", subcommands = AuditCommand.Verify.class)
public class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Check that no audit log entry was removed or altered: "
            + "exit status 0 when the chain is intact, 1 when it is broken, 2 when the server refused.")
    static class Verify implements Callable<Integer> {
        @Mixin
        ServerOption server;

        @Override
        public Integer call() throws Exception {
            HttpResponse<String> r = server.get("/api/v1/audit/verify");
            if (r.statusCode() != 200) {
                System.err.println("avmam audit verify: " + Problems.describe(r));
                return 2;
            }
            JsonNode v = new ObjectMapper().readTree(r.body());
            if (v.path("intact").asBoolean()) {
                System.out.printf("The audit log is intact: %d entries, each chained to the one before.%n", v.path("entries").asLong());
                return 0;
            }
            System.out.printf("The audit log is BROKEN at entry %d: %s (%d entries verified before it).%n", v.path("firstBroken").asLong(),
                    v.path("problem").asText(), v.path("entries").asLong());
            return 1;
        }
    }
}
