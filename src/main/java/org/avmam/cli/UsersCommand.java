package org.avmam.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code avmam users add|passwd|disable}: account management through a running server (an admin's token). */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage local accounts (needs an admin's token).",
        subcommands = {UsersCommand.Add.class, UsersCommand.Passwd.class, UsersCommand.Disable.class})
public class UsersCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The new password: from standard input (one line), or asked for on the terminal without echo. */
    static String password(boolean fromStdin) throws java.io.IOException {
        if (!fromStdin && System.console() != null) {
            char[] p = System.console().readPassword("New password: ");
            return p == null ? null : new String(p);
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? null : line.strip();
    }

    static int answer(String command, HttpResponse<String> r, int expected) {
        if (r.statusCode() != expected) {
            System.err.println("avmam users " + command + ": " + Problems.describe(r));
            return 2;
        }
        System.out.println(r.body());
        return 0;
    }

    static String path(String username) {
        return "/api/v1/users/" + URLEncoder.encode(username, StandardCharsets.UTF_8);
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create an account.")
    static class Add implements Callable<Integer> {
        @Parameters(index = "0", description = "User name")
        String username;

        @Option(names = "--role", required = true, description = "ADMIN, ARCHIVIST, PHOTOGRAPHER, EDITOR, EXHIBITION or READER")
        String role;

        @Option(names = "--name", description = "Display name")
        String displayName;

        @Option(names = "--password-stdin", description = "Read the password from standard input instead of the terminal.")
        boolean stdin;

        @Mixin
        ServerOption server;

        @Override
        public Integer call() throws Exception {
            ObjectNode body = JSON.createObjectNode().put("username", username).put("role", role).put("password", password(stdin));
            if (displayName != null) {
                body.put("displayName", displayName);
            }
            return answer("add", server.send("POST", "/api/v1/users", JSON.writeValueAsString(body)), 201);
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set an account's password (and lift a lock).")
    static class Passwd implements Callable<Integer> {
        @Parameters(index = "0")
        String username;

        @Option(names = "--password-stdin", description = "Read the password from standard input instead of the terminal.")
        boolean stdin;

        @Mixin
        ServerOption server;

        @Override
        public Integer call() throws Exception {
            String body = JSON.writeValueAsString(JSON.createObjectNode().put("password", password(stdin)));
            return answer("passwd", server.send("PATCH", path(username), body), 200);
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable an account: its sign-ins and tokens stop working.")
    static class Disable implements Callable<Integer> {
        @Parameters(index = "0")
        String username;

        @Mixin
        ServerOption server;

        @Override
        public Integer call() throws Exception {
            return answer("disable", server.send("PATCH", path(username), "{\"disabled\":true}"), 200);
        }
    }
}
