package org.avmam;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Signs every REST Assured request of a @QuarkusTest in as the test admin (a personal token made
 * once per started application), unless the test sends its own Authorization header, or
 * {@link #ANONYMOUS} to send none. The access tests sign in as other users themselves.
 */
public class TestAuth implements QuarkusTestBeforeEachCallback {

    /** The admin password of the test profile (%test.avmam.access.admin-password). */
    public static final String ADMIN_PASSWORD = "Test-archive-pass-2026";
    /** A header a test adds to send a request with no credentials at all; it is removed before sending. */
    public static final String ANONYMOUS = "X-Test-Anonymous";

    private static volatile String token;
    private static volatile String tokenBase;

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        RestAssured.replaceFiltersWith(List.<Filter>of(TestAuth::sign));
    }

    private static Response sign(FilterableRequestSpecification req, FilterableResponseSpecification res, FilterContext ctx) {
        if (req.getHeaders().hasHeaderWithName(ANONYMOUS)) {
            req.removeHeader(ANONYMOUS);
        } else if (!req.getHeaders().hasHeaderWithName("Authorization")
                && req.getAuthenticationScheme() instanceof io.restassured.authentication.NoAuthScheme) {
            URI u = URI.create(req.getURI());
            req.header("Authorization", "Bearer " + adminToken(u.getScheme() + "://" + u.getAuthority()));
        }
        return ctx.next(req, res);
    }

    /** The admin's token for the application at {@code base}, made anew when that application has not seen it. */
    public static synchronized String adminToken(String base) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            if (token != null && base.equals(tokenBase) && http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/me"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                return token;
            }
            token = createToken(http, base, "admin", ADMIN_PASSWORD);
            tokenBase = base;
            return token;
        } catch (Exception e) {
            throw new IllegalStateException("could not sign the tests in as admin at " + base, e);
        }
    }

    /** A new personal token of {@code user}, made with their password (POST /api/v1/auth/tokens). */
    public static String createToken(HttpClient http, String base, String user, String password) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/tokens"))
                .header("Authorization", basic(user, password)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"tests\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("POST /api/v1/auth/tokens as " + user + " answered " + r.statusCode() + ": " + r.body());
        }
        return io.restassured.path.json.JsonPath.from(r.body()).getString("token");
    }

    /** A user made by the admin for a test: their name, password and Authorization header (a fresh token). */
    public record User(String name, String password, String authorization) {}

    public static User newUser(String role) {
        return newUser(role, "Test-user-secret-" + java.util.UUID.randomUUID().toString().substring(0, 6));
    }

    public static User newUser(String role, String password) {
        String name = role.toLowerCase(java.util.Locale.ROOT) + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        RestAssured.given().contentType("application/json")
                .body(java.util.Map.of("username", name, "password", password, "role", role))
                .post("/api/v1/users").then().statusCode(201);
        try {
            return new User(name, password, "Bearer " + createToken(HttpClient.newHttpClient(), "http://localhost:" + RestAssured.port,
                    name, password));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The Authorization header value for the current @QuarkusTest application, for tests that use java.net.http directly. */
    public static String header() {
        return "Bearer " + adminToken("http://localhost:" + RestAssured.port);
    }
}
