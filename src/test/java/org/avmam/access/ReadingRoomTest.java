package org.avmam.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Path;
import java.util.Map;
import org.avmam.Fixtures;
import org.avmam.TestAuth;
import org.junit.jupiter.api.Test;

/** The reading-room mode: anonymous visitors read OPEN records, and nothing else, and change nothing. */
@QuarkusTest
@TestProfile(org.avmam.AlternativeSettings.class)
class ReadingRoomTest {

    @Test
    void anonymousVisitorsReadOpenRecordsOnly() {
        String open = given().multiPart("file", Path.of("src/test/resources/media/formats/a.png").toFile())
                .multiPart("title", "Reading room ptarmigan").post("/api/v1/assets").then().statusCode(201).extract().path("id");
        String unreviewed = given().multiPart("file", Fixtures.CAMERA_JPEG.toFile()).multiPart("title", "Unreviewed ptarmigan")
                .post("/api/v1/assets").then().statusCode(201).extract().path("id");
        Fixtures.awaitSettled(open, java.time.Duration.ofSeconds(120));
        Fixtures.awaitSettled(unreviewed, java.time.Duration.ofSeconds(120));
        // Four-eyes is on in this profile: the admin decides, a second archivist approves.
        given().contentType("application/merge-patch+json").body(Map.of("openStatus", "OPEN", "reason", "NO_RESTRICTION"))
                .patch("/api/v1/assets/" + open).then().statusCode(200);
        String decision = given().get("/api/v1/review/decisions").then().extract().path("find { it.asset == '" + open + "' }.id");
        given().header("Authorization", TestAuth.newUser("ARCHIVIST").authorization()).post("/api/v1/review/decisions/" + decision + "/approve").then()
                .statusCode(200);
        Fixtures.await("the open record searchable by anyone", java.time.Duration.ofSeconds(30), () ->
                given().header(TestAuth.ANONYMOUS, "1").queryParam("q", "ptarmigan").get("/api/v1/search").then().extract()
                        .jsonPath().getList("hits.id").contains(open));
        given().header(TestAuth.ANONYMOUS, "1").queryParam("q", "ptarmigan").get("/api/v1/search").then().statusCode(200)
                .body("hits.id", not(hasItem(unreviewed)));
        given().header(TestAuth.ANONYMOUS, "1").get("/api/v1/assets/" + open).then().statusCode(200)
                .body("title", equalTo("Reading room ptarmigan"));
        given().header(TestAuth.ANONYMOUS, "1").get("/api/v1/assets/" + unreviewed).then().statusCode(404);
        // An original goes out only to a signed-in user, whose use the register can name.
        given().header(TestAuth.ANONYMOUS, "1").queryParam("purpose", "curiosity").get("/api/v1/assets/" + open + "/original").then()
                .statusCode(403).body("detail", containsString("anonymous"));
        given().header(TestAuth.ANONYMOUS, "1").contentType("application/merge-patch+json").body(Map.of("title", "x"))
                .patch("/api/v1/assets/" + open).then().statusCode(401).contentType("application/problem+json");
        given().header(TestAuth.ANONYMOUS, "1").multiPart("file", Fixtures.CAMERA_JPEG.toFile()).post("/api/v1/assets").then()
                .statusCode(401);
        given().header(TestAuth.ANONYMOUS, "1").get("/api/v1/users").then().statusCode(401);
    }
}
