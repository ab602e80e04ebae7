package org.avmam.collections;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.avmam.Fixtures;
import org.avmam.TestAuth;
import org.junit.jupiter.api.Test;

/**
 * Share links: an outside partner, not signed in, opens one collection through a secret link that
 * gives only what the sharer may give and is cleared for release, watermarked when it says so,
 * logged at every use, and dead once revoked, expired or its sharer demoted.
 */
@QuarkusTest
class ShareLinkTest {

    private static final Path PHOTO = Path.of("src/test/resources/media/real/Canon_40D.jpg");

    @Test
    void aPartnerOpensTheClearedItemsOfACollectionThroughALinkThatIsLoggedAndCanBeRevoked() throws Exception {
        String open = CollectionTest.upload(PHOTO, "OPEN", "NO_RESTRICTION");
        String unreviewed = CollectionTest.upload(Path.of("src/test/resources/media/formats/a.webp"), null, null);
        String closed = CollectionTest.upload(Path.of("src/test/resources/media/formats/a.tiff"), "CLOSED", "PERSONAL_PRIVACY");
        TestAuth.User team = TestAuth.newUser("EXHIBITION");
        String c = given().header("Authorization", team.authorization()).contentType("application/json")
                .body(Map.of("title", "Loan to the TV station", "purpose", "broadcast")).post("/api/v1/collections").then().statusCode(201)
                .extract().path("id");
        String items = "/api/v1/collections/" + c + "/items";
        String openItem = given().header("Authorization", team.authorization()).contentType("application/json").body(Map.of("asset", open))
                .post(items).then().statusCode(201).extract().path("id");
        String unreviewedItem = given().header("Authorization", team.authorization()).contentType("application/json")
                .body(Map.of("asset", unreviewed)).post(items).then().statusCode(201).extract().path("id");
        given().contentType("application/json").body(Map.of("asset", closed)).post(items).then().statusCode(201);
        String links = "/api/v1/collections/" + c + "/links";

        // Bad inputs, each refused with what is wrong, and no link made.
        for (Map<String, ?> bad : List.<Map<String, ?>>of(Map.of("rights", "VIEW"), Map.of("label", "x", "rights", "EVERYTHING"),
                Map.of("label", "x", "expires", "2020-01-01"), Map.of("label", "x", "expires", "next week"), Map.of("label", "x", "days", 0),
                Map.of("label", "x", "watermark", "yes"))) {
            given().header("Authorization", team.authorization()).contentType("application/json").body(bad).post(links).then()
                    .statusCode(400).contentType("application/problem+json");
        }
        given().header("Authorization", team.authorization()).contentType("application/json").body(Map.of("label", "x", "days", 5000))
                .post(links).then().statusCode(422).body("detail", containsString("at most 365 days"));
        // Only the owner shares outside: someone it is not shared with learns nothing, a reader may not export at all.
        String outsider = TestAuth.newUser("EDITOR").authorization();
        given().header("Authorization", outsider).contentType("application/json").body(Map.of("label", "x")).post(links).then()
                .statusCode(404);
        given().header("Authorization", TestAuth.newUser("READER").authorization()).contentType("application/json")
                .body(Map.of("label", "x")).post(links).then().statusCode(403);
        given().header("Authorization", team.authorization()).get(links).then().statusCode(200).body("size()", equalTo(0));

        // A watermarked view link: the partner sees the one cleared item, never the unreviewed or the closed one.
        JsonPath view = given().header("Authorization", team.authorization()).contentType("application/json")
                .body(Map.of("label", "Station documentary desk", "rights", "VIEW", "watermark", true,
                        "expires", LocalDate.now().plusDays(10).toString()))
                .post(links).then().statusCode(201).header("Location", containsString("/api/v1/shared/")).body("link.state", equalTo("ACTIVE"))
                .extract().jsonPath();
        String shared = view.getString("url");
        JsonPath seen = given().header(TestAuth.ANONYMOUS, "1").get(shared).then().statusCode(200)
                .header("Referrer-Policy", "no-referrer").body("title", equalTo("Loan to the TV station"))
                .body("sharedBy", equalTo(team.name())).extract().jsonPath();
        assertEquals(List.of(openItem), seen.getList("items.id"), seen.prettify());
        assertEquals(null, seen.getString("items[0].download"), "a view link offers no download");
        given().header(TestAuth.ANONYMOUS, "1").get(shared + "/items/" + unreviewedItem + "/preview").then().statusCode(404);
        given().header(TestAuth.ANONYMOUS, "1").get(shared + "/items/" + openItem + "/download").then().statusCode(403)
                .body("detail", containsString("previews only"));
        // The watermarked preview is made on demand: 202 with progress until it is there, then the JPEG.
        String preview = shared + "/items/" + openItem + "/preview";
        Fixtures.await("the watermarked preview", Duration.ofSeconds(60),
                () -> given().header(TestAuth.ANONYMOUS, "1").get(preview).then().extract().statusCode() == 200);
        byte[] jpeg = given().header(TestAuth.ANONYMOUS, "1").get(preview).then().statusCode(200).contentType("image/jpeg")
                .header("Cache-Control", containsString("no-store")).extract().asByteArray();
        assertEquals((byte) 0xFF, jpeg[0]);
        given().get("/api/v1/assets/" + open).then().body("renditions.profile", hasItem("image-share-preview"));

        // A download link without the mark hands out the original, byte for byte, and every file it gives is registered.
        String download = given().header("Authorization", team.authorization()).contentType("application/json")
                .body(Map.of("label", "Partner archive", "rights", "DOWNLOAD", "days", 3)).post(links).then().statusCode(201)
                .extract().path("url");
        Response original = given().header(TestAuth.ANONYMOUS, "1").get(download + "/items/" + openItem + "/download");
        original.then().statusCode(200).header("Content-Disposition", containsString("attachment"));
        assertArrayEquals(Files.readAllBytes(PHOTO), original.asByteArray());
        JsonPath uses = given().queryParam("asset", open).get("/api/v1/use-register").then().statusCode(200).extract().jsonPath();
        assertTrue(uses.getList("username").stream().anyMatch(u -> String.valueOf(u).startsWith("share-link:")), uses.prettify());
        assertTrue(uses.getList("item").contains("original") && uses.getList("kind").contains("DOWNLOAD"), uses.prettify());

        // A secret that opens nothing is a 404; a revoked link is gone, with its uses counted.
        given().header(TestAuth.ANONYMOUS, "1").get("/api/v1/shared/not-a-real-secret").then().statusCode(404)
                .contentType("application/problem+json");
        // Someone it is not shared with can neither list nor revoke its links: the collection is missing to them.
        given().header("Authorization", outsider).get(links).then().statusCode(404);
        given().header("Authorization", outsider).delete(links + "/" + view.getString("link.id")).then().statusCode(404);
        given().header("Authorization", team.authorization()).delete(links + "/" + view.getString("link.id")).then().statusCode(200)
                .body("state", equalTo("REVOKED"));
        given().header(TestAuth.ANONYMOUS, "1").get(shared).then().statusCode(410).body("detail", containsString("revoked"));
        JsonPath listed = given().header("Authorization", team.authorization()).get(links).then().statusCode(200).extract().jsonPath();
        assertTrue(listed.getLong("find { it.label == 'Station documentary desk' }.uses") >= 4, listed.prettify());
        assertEquals(null, listed.getString("[0].token"), "a link's secret is shown once, never listed");
        given().queryParam("decision", "DENIED").get("/api/v1/audit").then().statusCode(200)
                .body("detail", hasItem(containsString("share link: this share link was revoked")));

        // The link acts as its sharer: demoted to a role that may not export, the sharer's links stop working.
        given().contentType("application/json").body(Map.of("role", "READER")).patch("/api/v1/users/" + team.name()).then().statusCode(200);
        given().header(TestAuth.ANONYMOUS, "1").get(download).then().statusCode(410).body("detail", containsString("may no longer share"));
    }
}
