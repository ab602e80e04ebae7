package org.avmam.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.Map;
import org.avmam.TestAuth;
import org.junit.jupiter.api.Test;

/** Sign-in and its bad inputs: each gets its status and a problem+json body saying what is wrong. */
@QuarkusTest
class SignInTest {

    static final String PASSWORD = "Long-enough-secret-42";

    static String user(String role) {
        return TestAuth.newUser(role, PASSWORD).name();
    }

    static String token(String user) throws Exception {
        return TestAuth.createToken(HttpClient.newHttpClient(), "http://localhost:" + RestAssured.port, user, PASSWORD);
    }

    @Test
    void withoutCredentialsTheApiAnswers401ProblemJson() {
        given().header(TestAuth.ANONYMOUS, "1").get("/api/v1/assets").then().statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("sign in"));
        given().header(TestAuth.ANONYMOUS, "1").get("/api/v1/search").then().statusCode(401);
    }

    @Test
    void aTokenIsMadeWithThePasswordShownOnceAndWorksAsBearer() throws Exception {
        String u = user("EDITOR");
        Response created = given().auth().preemptive().basic(u, PASSWORD).contentType("application/json")
                .body(Map.of("name", "laptop")).post("/api/v1/auth/tokens");
        created.then().statusCode(201).body("token", containsString("avmam_")).body("name", equalTo("laptop"))
                .body("expiresAt", notNullValue());
        String token = created.path("token");
        given().header("Authorization", "Bearer " + token).get("/api/v1/auth/me").then().statusCode(200)
                .body("username", equalTo(u)).body("roles", hasItem("EDITOR")).body("permissions", hasItem("CLIP"))
                .body("permissions", not(hasItem("REVIEW")));
        // The list names the tokens, never shows them again.
        String listed = given().header("Authorization", "Bearer " + token).get("/api/v1/auth/tokens").then().statusCode(200)
                .body("name", hasItem("laptop")).extract().asString();
        assertFalse(listed.contains(token));
        // A token does not make tokens: that takes the password.
        given().header("Authorization", "Bearer " + token).contentType("application/json").body(Map.of("name", "x"))
                .post("/api/v1/auth/tokens").then().statusCode(403).contentType("application/problem+json");
        // Stored as a hash only.
        String hash = ApiTokens.hash(token);
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> ApiToken.count("tokenHash", hash)));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> ApiToken.count("tokenHash", token)));
    }

    @Test
    void aWrongPasswordIs401ThenTheAccountIsThrottled() {
        String u = user("READER");
        for (int i = 0; i < 4; i++) {
            given().auth().preemptive().basic(u, "wrong-password-" + i).get("/api/v1/auth/me").then().statusCode(401)
                    .contentType("application/problem+json").body("detail", containsString("wrong user name or password"));
        }
        given().auth().preemptive().basic(u, "wrong-password-5").get("/api/v1/auth/me").then().statusCode(429)
                .header("Retry-After", notNullValue()).contentType("application/problem+json").body("detail", containsString("locked"));
        // Locked: even the right password is refused until the lock ends or an admin sets a new password.
        given().auth().preemptive().basic(u, PASSWORD).get("/api/v1/auth/me").then().statusCode(429);
        given().contentType("application/json").body(Map.of("password", "Another-long-secret-77")).patch("/api/v1/users/" + u)
                .then().statusCode(200).body("locked", equalTo(false));
        given().auth().preemptive().basic(u, "Another-long-secret-77").get("/api/v1/auth/me").then().statusCode(200);
        given().queryParam("user", u).queryParam("decision", "DENIED").get("/api/v1/audit").then().statusCode(200)
                .body("action", hasItem("SIGN_IN"));
    }

    @Test
    void anExpiredOrRevokedTokenIs401SayingSo() throws Exception {
        String u = user("READER");
        String revoked = token(u);
        String id = given().header("Authorization", "Bearer " + revoked).get("/api/v1/auth/tokens").then().extract().path("[0].id");
        given().header("Authorization", "Bearer " + revoked).delete("/api/v1/auth/tokens/" + id).then().statusCode(200)
                .body("revokedAt", notNullValue());
        given().header("Authorization", "Bearer " + revoked).get("/api/v1/auth/me").then().statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("revoked"));

        String expired = token(u);
        String hash = ApiTokens.hash(expired);
        QuarkusTransaction.requiringNew().run(() -> ApiToken.update("expiresAt = ?1 where tokenHash = ?2", Instant.now().minusSeconds(1), hash));
        given().header("Authorization", "Bearer " + expired).get("/api/v1/auth/me").then().statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("expired"));
        given().header("Authorization", "Bearer avmam_" + "x".repeat(43)).get("/api/v1/auth/me").then().statusCode(401)
                .body("detail", containsString("not known"));
        given().auth().preemptive().basic(u, PASSWORD).contentType("application/json")
                .body(Map.of("name", "old", "expiresAt", "2001-01-01T00:00:00Z")).post("/api/v1/auth/tokens").then().statusCode(400)
                .body("detail", containsString("past"));
    }

    @Test
    void aTokenSentAsACookieIsRefused() throws Exception {
        String t = token(user("READER"));
        given().header(TestAuth.ANONYMOUS, "1").cookie("token", t).get("/api/v1/auth/me").then().statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("never as a cookie"));
    }

    @Test
    void theSignInFormGivesAStrictHttpOnlySessionCookieThatCrossSiteRequestsCannotUse() {
        String u = user("ARCHIVIST");
        Response signedIn = given().header(TestAuth.ANONYMOUS, "1").redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", u).formParam("j_password", PASSWORD).post("/j_security_check");
        assertTrue(signedIn.statusCode() == 302 || signedIn.statusCode() == 200, signedIn.asString());
        String setCookie = signedIn.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith("avmam-session=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + signedIn.headers()));
        assertTrue(setCookie.toLowerCase().contains("httponly"), setCookie);
        assertTrue(setCookie.toLowerCase().contains("samesite=strict"), setCookie);
        String session = signedIn.getCookie("avmam-session");
        given().header(TestAuth.ANONYMOUS, "1").cookie("avmam-session", session).get("/api/v1/auth/me").then().statusCode(200)
                .body("username", equalTo(u));
        // The same cookie replayed by another site's page: refused before anything happens.
        given().header(TestAuth.ANONYMOUS, "1").cookie("avmam-session", session).header("Sec-Fetch-Site", "cross-site")
                .contentType("application/json").body(Map.of("name", "stolen")).post("/api/v1/auth/tokens").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("another site"));
        given().header(TestAuth.ANONYMOUS, "1").cookie("avmam-session", session).header("Origin", "https://evil.example")
                .contentType("application/json").body(Map.of("name", "stolen")).post("/api/v1/auth/tokens").then().statusCode(403);
        given().get("/api/v1/auth/tokens").then().statusCode(200);
        // From our own pages it works.
        given().header(TestAuth.ANONYMOUS, "1").cookie("avmam-session", session).header("Sec-Fetch-Site", "same-origin")
                .contentType("application/json").body(Map.of("name", "from the web app")).post("/api/v1/auth/tokens").then().statusCode(201);
        // A wrong password on the form: 401 problem+json, no cookie.
        Response wrong = given().header(TestAuth.ANONYMOUS, "1").redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", u).formParam("j_password", "not-the-password").post("/j_security_check");
        assertEquals(401, wrong.statusCode(), wrong.asString());
        assertFalse(wrong.headers().getValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("avmam-session=")));
    }

    @Test
    void accountsAreManagedByAdminsOnlyWithAPasswordPolicy() throws Exception {
        String archivist = "Bearer " + token(user("ARCHIVIST"));
        given().header("Authorization", archivist).get("/api/v1/users").then().statusCode(403).contentType("application/problem+json");
        given().contentType("application/json").body(Map.of("username", "shorty", "password", "short", "role", "READER"))
                .post("/api/v1/users").then().statusCode(400).body("detail", containsString("at least 12"));
        given().contentType("application/json").body(Map.of("username", "samename", "password", "samename-is-long", "role", "READER"))
                .post("/api/v1/users").then().statusCode(400).body("detail", containsString("user name"));
        given().contentType("application/json").body(Map.of("username", "nobody1", "password", PASSWORD, "role", "WIZARD"))
                .post("/api/v1/users").then().statusCode(400).body("detail", containsString("ARCHIVIST"));
        String u = user("READER");
        given().contentType("application/json").body(Map.of("username", u, "password", PASSWORD, "role", "READER"))
                .post("/api/v1/users").then().statusCode(409);
        given().contentType("application/json").body(Map.of("disabled", true)).patch("/api/v1/users/" + u).then().statusCode(200)
                .body("disabled", equalTo(true));
        given().auth().preemptive().basic(u, PASSWORD).get("/api/v1/auth/me").then().statusCode(401)
                .body("detail", containsString("disabled"));
    }
}
