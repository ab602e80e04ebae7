package org.avmam.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.avmam.Fixtures;
import org.avmam.TestAuth;
import org.junit.jupiter.api.Test;

/** Production sign-in: OIDC bearer tokens issued by a real Keycloak, roles mapped from its realm_access/roles claim. */
@QuarkusTest
@TestProfile(OidcSignInTest.WithKeycloak.class)
class OidcSignInTest {

    public static class WithKeycloak implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KeycloakResource.class, Map.of(), true));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // Speech is not under test here; the model's native state is best left unloaded.
            return Map.of("avmam.speech.enabled", "false");
        }
    }

    static String keycloakToken(String user, String password) {
        return given().header(TestAuth.ANONYMOUS, "1").contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password").formParam("client_id", "avmam-cli").formParam("username", user)
                .formParam("password", password).formParam("scope", "openid")
                .post(KeycloakResource.issuer + "/protocol/openid-connect/token").then().statusCode(200).extract().path("access_token");
    }

    @Test
    void aKeycloakUserSignsInWithTheRolesOfTheClaimAndTheRecordPolicyApplies() {
        String kim = "Bearer " + keycloakToken("kim", "kim-oidc-password-1");
        String ray = "Bearer " + keycloakToken("ray", "ray-oidc-password-1");
        given().header("Authorization", kim).get("/api/v1/auth/me").then().statusCode(200)
                .body("username", equalTo("kim")).body("roles", equalTo(List.of("ARCHIVIST"))).body("permissions", hasItem("REVIEW"));
        given().header("Authorization", ray).get("/api/v1/auth/me").then().statusCode(200)
                .body("username", equalTo("ray")).body("roles", equalTo(List.of("READER")));

        String id = given().header("Authorization", kim).multiPart("file", Fixtures.CAMERA_JPEG.toFile()).post("/api/v1/assets").then()
                .statusCode(201).body("uploadedBy", equalTo("kim")).extract().path("id");
        given().header("Authorization", kim).contentType("application/merge-patch+json")
                .body(Map.of("openStatus", "CLOSED", "reason", "STATE_SECRET")).patch("/api/v1/assets/" + id).then().statusCode(200);
        given().header("Authorization", ray).get("/api/v1/assets/" + id).then().statusCode(404);
        given().header("Authorization", ray).multiPart("file", Fixtures.CAMERA_JPEG.toFile()).post("/api/v1/assets").then()
                .statusCode(403);
        given().header("Authorization", kim).get("/api/v1/assets/" + id + "/provenance").then()
                .body("find { it.type == 'open review' }.user", equalTo("kim"));
        // Local accounts and personal tokens keep working beside OIDC.
        given().get("/api/v1/auth/me").then().statusCode(200).body("username", equalTo("admin"));
    }

    @Test
    void aForgedOrMangledTokenIsRefused() {
        String kim = keycloakToken("kim", "kim-oidc-password-1");
        String[] parts = kim.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        given().header("Authorization", "Bearer " + forged).get("/api/v1/auth/me").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer not-a-jwt").get("/api/v1/auth/me").then().statusCode(401)
                .contentType("application/problem+json");
    }
}
