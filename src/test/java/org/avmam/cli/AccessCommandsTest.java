package org.avmam.cli;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.avmam.TestAuth;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code avmam users} and {@code avmam audit verify} against the running service, signed in with a token. */
@QuarkusTest
class AccessCommandsTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    EntityManager em;

    record Run(int code, String out) {}

    Run run(String stdin, String... args) {
        InputStream in = System.in;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            String[] all = new String[args.length + 4];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "--server";
            all[args.length + 1] = base.toString();
            all[args.length + 2] = "--token";
            all[args.length + 3] = TestAuth.header().substring(7);
            return new Run(new CommandLine(new AvmamCli()).execute(all), captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(in);
            System.setOut(out);
        }
    }

    @Test
    void usersAreAddedGivenAPasswordAndDisabledFromTheCommandLine() {
        String name = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        Run added = run("Command-line-secret-1\n", "users", "add", name, "--role", "EDITOR", "--password-stdin");
        assertEquals(0, added.code(), added.out());
        given().auth().preemptive().basic(name, "Command-line-secret-1").get("/api/v1/auth/me").then().statusCode(200)
                .body("roles[0]", equalTo("EDITOR"));
        assertEquals(2, run("short\n", "users", "passwd", name, "--password-stdin").code(), "the password policy holds here too");
        assertEquals(0, run("Another-cli-secret-2\n", "users", "passwd", name, "--password-stdin").code());
        given().auth().preemptive().basic(name, "Another-cli-secret-2").get("/api/v1/auth/me").then().statusCode(200);
        assertEquals(0, run("", "users", "disable", name).code());
        given().auth().preemptive().basic(name, "Another-cli-secret-2").get("/api/v1/auth/me").then().statusCode(401);
        assertEquals(2, run("", "users", "disable", "no-such-user-" + name).code());
    }

    @Test
    void auditVerifyFindsAnAlteredEntry() {
        given().header(TestAuth.ANONYMOUS, "1").get("/api/v1/auth/me").then().statusCode(401);
        Run intact = run("", "audit", "verify");
        assertEquals(0, intact.code(), intact.out());
        assertTrue(intact.out().contains("intact"), intact.out());
        long seq = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT MIN(seq) FROM audit_log WHERE decision = 'DENIED' AND detail IS NOT NULL").getSingleResult()).longValue());
        String detail = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT detail FROM audit_log WHERE seq = ?1").setParameter(1, seq).getSingleResult());
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE audit_log SET detail = 'nothing to see' WHERE seq = ?1")
                    .setParameter(1, seq).executeUpdate());
            Run broken = run("", "audit", "verify");
            assertEquals(1, broken.code(), broken.out());
            assertTrue(broken.out().contains("BROKEN at entry " + seq) && broken.out().contains("altered"), broken.out());
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE audit_log SET detail = ?1 WHERE seq = ?2")
                    .setParameter(1, detail).setParameter(2, seq).executeUpdate());
        }
        assertEquals(0, run("", "audit", "verify").code(), "restored, the chain verifies again");
    }
}
