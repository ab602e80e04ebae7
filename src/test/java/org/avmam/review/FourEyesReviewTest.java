package org.avmam.review;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Four-eyes review: a decision takes effect only when a second reviewer approves it. */
@QuarkusTest
@TestProfile(org.avmam.AlternativeSettings.class)
class FourEyesReviewTest {

    @Test
    void aDecisionWaitsForASecondReviewerAndTheDeciderCannotApproveIt() throws Exception {
        String first = ReviewTest.user("ARCHIVIST");
        String second = ReviewTest.user("ARCHIVIST");
        String id = ReviewTest.upload(first, Path.of("src/test/resources/media/formats/a.webp"));
        ReviewTest.patch(first, id, Map.of("openStatus", "OPEN", "reason", "NO_RESTRICTION")).statusCode(200)
                .body("openStatus", equalTo("UNREVIEWED"));
        String decision = given().header("Authorization", first).get("/api/v1/review/decisions").then().statusCode(200)
                .body("asset", hasItem(id)).extract().path("find { it.asset == '" + id + "' }.id");
        given().header("Authorization", first).post("/api/v1/review/decisions/" + decision + "/approve").then().statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("another reviewer"));
        given().header("Authorization", ReviewTest.user("EDITOR")).post("/api/v1/review/decisions/" + decision + "/approve").then()
                .statusCode(403);
        given().get("/api/v1/assets/" + id).then().body("openStatus", equalTo("UNREVIEWED"));
        given().header("Authorization", second).post("/api/v1/review/decisions/" + decision + "/approve").then().statusCode(200)
                .body("state", equalTo("APPLIED"));
        given().get("/api/v1/assets/" + id).then().body("openStatus", equalTo("OPEN"));
        given().header("Authorization", second).post("/api/v1/review/decisions/" + decision + "/approve").then().statusCode(409);
        given().get("/api/v1/assets/" + id + "/provenance").then()
                .body("findAll { it.type == 'open review' }.detail", hasItem(containsString("awaiting a second reviewer")))
                .body("findAll { it.type == 'open review' }.detail", hasItem(containsString("approved by")));
        given().header("Authorization", first).get("/api/v1/assets/" + id + "/review").then()
                .body("state", equalTo(List.of("APPLIED")));
    }
}
