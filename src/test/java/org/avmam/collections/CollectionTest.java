package org.avmam.collections;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.avmam.Fixtures;
import org.avmam.TestAuth;
import org.junit.jupiter.api.Test;

/** Collections: items cleared or not for the purpose, shares that never widen access, bulk renditions, and their bad inputs. */
@QuarkusTest
class CollectionTest {

    static String upload(Path file, String status, String reason) {
        String id = given().multiPart("file", file.toFile()).post("/api/v1/assets").then().statusCode(201).extract().path("id");
        Fixtures.awaitSettled(id, Duration.ofSeconds(120));
        if (status != null) {
            given().contentType("application/merge-patch+json").body(Map.of("openStatus", status, "reason", reason))
                    .patch("/api/v1/assets/" + id).then().statusCode(200);
        }
        return id;
    }

    @Test
    void anExhibitionTeamPullsItemsSeesWhichAreClearedAndSharesWithoutWideningAccess() {
        String open = upload(Path.of("src/test/resources/media/real/Canon_40D.jpg"), "OPEN", "NO_RESTRICTION");
        String unreviewed = upload(Path.of("src/test/resources/media/formats/a.webp"), null, null);
        String closed = upload(Path.of("src/test/resources/media/formats/a.tiff"), "CLOSED", "PERSONAL_PRIVACY");
        TestAuth.User team = TestAuth.newUser("EXHIBITION");
        TestAuth.User reader = TestAuth.newUser("READER");
        String exhibition = given().header("Authorization", team.authorization()).contentType("application/json")
                .body(Map.of("title", "City history exhibition", "purpose", "exhibition", "due", "2027-05-01")).post("/api/v1/collections")
                .then().statusCode(201).body("owner", equalTo(team.name())).body("rights", equalTo("OWNER")).extract().path("id");
        String items = "/api/v1/collections/" + exhibition + "/items";
        given().header("Authorization", team.authorization()).contentType("application/json").body(Map.of("asset", open, "note", "entrance wall"))
                .post(items).then().statusCode(201).body("clearance.cleared", equalTo(true));
        String second = given().header("Authorization", team.authorization()).contentType("application/json").body(Map.of("asset", unreviewed))
                .post(items).then().statusCode(201).body("clearance.cleared", equalTo(false))
                .body("clearance.reasons[0]", containsString("UNREVIEWED")).extract().path("id");
        // Bad inputs: twice the same item, a record the member may not see, nothing, an unknown user to share with.
        given().header("Authorization", team.authorization()).contentType("application/json").body(Map.of("asset", open)).post(items).then()
                .statusCode(409).contentType("application/problem+json").body("detail", containsString("already"));
        given().header("Authorization", team.authorization()).contentType("application/json").body(Map.of("asset", closed)).post(items).then()
                .statusCode(404);
        given().header("Authorization", team.authorization()).contentType("application/json").body(Map.of()).post(items).then().statusCode(400);
        given().header("Authorization", team.authorization()).contentType("application/json").body(Map.of("user", "nobody-of-that-name"))
                .post("/api/v1/collections/" + exhibition + "/shares").then().statusCode(422).body("detail", containsString("no user"));
        // The admin (who may see closed records) adds the closed one; the team, who may not, never sees it.
        given().contentType("application/json").body(Map.of("asset", closed)).post(items).then().statusCode(201)
                .body("clearance.reasons[0]", containsString("closed"));
        given().header("Authorization", team.authorization()).get("/api/v1/collections/" + exhibition).then().statusCode(200)
                .body("items.asset", equalTo(List.of(open, unreviewed)));
        given().header("Authorization", team.authorization()).contentType("application/json")
                .body(Map.of("user", reader.name(), "rights", "VIEW")).post("/api/v1/collections/" + exhibition + "/shares").then()
                .statusCode(200).body("shares.user", hasItem(reader.name()));
        JsonPath seen = given().header("Authorization", reader.authorization()).get("/api/v1/collections/" + exhibition).then()
                .statusCode(200).body("rights", equalTo("VIEW")).extract().jsonPath();
        assertEquals(List.of(open), seen.getList("items.asset"), "the reader sees the open record only");
        given().header("Authorization", reader.authorization()).contentType("application/json").body(Map.of("title", "mine now"))
                .patch("/api/v1/collections/" + exhibition).then().statusCode(403);
        given().header("Authorization", reader.authorization()).get("/api/v1/collections").then().body("id", hasItem(exhibition));
        // Someone it is not shared with learns nothing of it, through any of its paths.
        String outsider = TestAuth.newUser("EDITOR").authorization();
        for (String path : List.of("", "/package", "/renditions?profile=image-thumbnail")) {
            given().header("Authorization", outsider).get("/api/v1/collections/" + exhibition + path).then().statusCode(404)
                    .body("detail", equalTo("no collection with id " + exhibition));
        }
        given().header("Authorization", outsider).get("/api/v1/collections").then().body("id", not(hasItem(exhibition)));
        // Reorder and annotate, remove.
        given().header("Authorization", team.authorization()).contentType("application/json").body(Map.of("position", 1, "note", "first"))
                .patch(items + "/" + second).then().statusCode(200).body("items[0].asset", equalTo(unreviewed))
                .body("items[0].note", equalTo("first")).body("cleared", equalTo(1));
        given().header("Authorization", team.authorization()).delete(items + "/" + second).then().statusCode(204);
        given().header("Authorization", team.authorization()).get("/api/v1/collections/" + exhibition).then().body("items", hasSize(1))
                .body("items.asset", not(hasItem(unreviewed)));
    }

    @Test
    void renditionsAreRequestedInBulkAndTheirProgressFollowed() {
        String photo = upload(Path.of("src/test/resources/media/real/DSCN0010.jpg"), null, null);
        String c = given().contentType("application/json").body(Map.of("title", "Prints")).post("/api/v1/collections").then().statusCode(201)
                .extract().path("id");
        given().contentType("application/json").body(Map.of("asset", photo, "rendition", "image-thumbnail"))
                .post("/api/v1/collections/" + c + "/items").then().statusCode(201);
        given().contentType("application/json").body(Map.of("profile", "image-thumbnail")).post("/api/v1/collections/" + c + "/renditions")
                .then().statusCode(200).body("queued", equalTo(1)).body("records", equalTo(1));
        Fixtures.await("the collection's thumbnails", Duration.ofSeconds(60), () -> given().queryParam("profile", "image-thumbnail")
                .get("/api/v1/collections/" + c + "/renditions").then().extract().jsonPath().getBoolean("done"));
        given().queryParam("profile", "image-thumbnail").get("/api/v1/collections/" + c + "/renditions").then().body("ready", equalTo(1));
        given().contentType("application/json").body(Map.of("profile", "no-such-profile")).post("/api/v1/collections/" + c + "/renditions")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", TestAuth.newUser("READER").authorization()).contentType("application/json")
                .body(Map.of("profile", "image-thumbnail")).post("/api/v1/collections/" + c + "/renditions").then().statusCode(403);
    }
}
