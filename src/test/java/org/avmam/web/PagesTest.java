package org.avmam.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.avmam.Fixtures;
import org.avmam.TestAuth;
import org.junit.jupiter.api.Test;

/**
 * The web application's pages over plain HTTP: who may open which page, "not found" for a record one may not
 * see exactly as for a missing one, the language choice, the security headers, and the endpoints the pages added
 * to the API (batch list and events, catalogue statistics) with their access rules.
 */
@QuarkusTest
class PagesTest {

    static final String PASSWORD = "Correct-horse-battery-9";
    static String reader;
    static String photographer;
    static String closed;
    static String batch;

    @org.junit.jupiter.api.BeforeEach
    void users() throws Exception {
        if (batch != null) {
            return;
        }
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://localhost:" + RestAssured.port;
        for (String[] u : List.of(new String[] {"pia", "PHOTOGRAPHER"}, new String[] {"rhea", "READER"})) {
            given().header("Authorization", "Bearer " + TestAuth.adminToken(base)).contentType("application/json")
                    .body(Map.of("username", u[0], "password", PASSWORD, "role", u[1])).post("/api/v1/users");
        }
        photographer = "Bearer " + TestAuth.createToken(http, base, "pia", PASSWORD);
        reader = "Bearer " + TestAuth.createToken(http, base, "rhea", PASSWORD);
        batch = given().header("Authorization", photographer).contentType("application/json")
                .body(Map.of("name", "Pages shoot", "kind", "SHOOT")).post("/api/v1/batches").then().statusCode(201).extract().path("id");
        closed = given().header("Authorization", photographer).multiPart("file", Fixtures.file(Fixtures.CAMERA_JPEG))
                .multiPart("batch", batch).post("/api/v1/assets").then().statusCode(201).extract().path("id");
        Fixtures.awaitSettled(closed, Duration.ofSeconds(120));
    }

    @Test
    void signedOutTheHomePageIsTheSignInFormAndOtherPagesSendThere() {
        given().header(TestAuth.ANONYMOUS, "1").get("/").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Content-Type-Options", "nosniff")
                .body(containsString("name=\"j_username\""), containsString("name=\"j_password\""), containsString("action=\"/j_security_check\""));
        given().header(TestAuth.ANONYMOUS, "1").redirects().follow(false).get("/upload").then().statusCode(303)
                .header("Location", containsString("/?next=%2Fupload"));
        given().header(TestAuth.ANONYMOUS, "1").redirects().follow(false).get("/assets/" + closed).then().statusCode(303);
    }

    @Test
    void theLanguageFollowsAcceptLanguageAndTheRememberedChoice() {
        given().header(TestAuth.ANONYMOUS, "1").header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5").get("/").then().statusCode(200)
                .header("Content-Language", "zh-CN").body(containsString("<html lang=\"zh-CN\">"), containsString("登录"));
        given().header(TestAuth.ANONYMOUS, "1").header("Accept-Language", "de-DE").get("/").then()
                .header("Content-Language", "en").body(containsString("Sign in"));
        String cookie = given().header(TestAuth.ANONYMOUS, "1").redirects().follow(false).get("/lang/zh-CN?next=/collections")
                .then().statusCode(303).header("Location", endsWithPath("/collections")).extract().cookie(I18n.COOKIE);
        assertEquals("zh-CN", cookie);
        given().header(TestAuth.ANONYMOUS, "1").cookie(I18n.COOKIE, "zh-CN").header("Accept-Language", "en").get("/").then()
                .header("Content-Language", "zh-CN");
        // Never a redirect to another site.
        given().header(TestAuth.ANONYMOUS, "1").redirects().follow(false).get("/lang/en?next=//evil.example/x").then().statusCode(303)
                .header("Location", endsWithPath("/"));
        given().header(TestAuth.ANONYMOUS, "1").get("/lang/fr").then().statusCode(404).contentType("application/problem+json");
    }

    private static org.hamcrest.Matcher<String> endsWithPath(String path) {
        return org.hamcrest.Matchers.matchesPattern("(https?://[^/]+)?" + java.util.regex.Pattern.quote(path));
    }

    @Test
    void navigationFollowsTheRoleAndAPageOutsideItSaysSo() {
        given().header("Authorization", reader).get("/").then().statusCode(200)
                .body(containsString("href=\"/collections\""), not(containsString("href=\"/upload\"")), not(containsString("href=\"/admin\"")),
                        not(containsString("href=\"/review\"")));
        given().header("Authorization", reader).get("/admin").then().statusCode(403).body(containsString("Not part of your role"));
        given().header("Authorization", reader).get("/upload").then().statusCode(403);
        given().header("Authorization", reader).get("/vocabularies").then().statusCode(403);
        given().header("Authorization", photographer).get("/vocabularies").then().statusCode(403);
        given().header("Authorization", photographer).get("/review").then().statusCode(403);
        given().header("Authorization", photographer).get("/statistics").then().statusCode(403);
        given().get("/vocabularies").then().statusCode(200).body(containsString("id=\"terms\""));
        given().header("Authorization", photographer).get("/upload").then().statusCode(200).body(containsString("id=\"dropzone\""));
        given().get("/admin").then().statusCode(200).body(containsString("href=\"/admin\" aria-current=\"page\""));
    }

    @Test
    void aRecordTheReaderMayNotSeeIsNotFoundExactlyAsAMissingOne() {
        String hidden = given().header("Authorization", reader).get("/assets/" + closed).then().statusCode(404).extract().asString();
        String missing = given().header("Authorization", reader).get("/assets/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .extract().asString();
        assertEquals(hidden.replace(closed, "ID"), missing.replace("00000000-0000-0000-0000-000000000000", "ID"));
        given().header("Authorization", reader).get("/assets/not-a-uuid").then().statusCode(404);
        // The refusal is in the audit log, as for the API.
        given().queryParam("user", "rhea").get("/api/v1/audit").then().statusCode(200)
                .body("find { it.resource == '/assets/" + closed + "' }.decision", equalTo("DENIED"));
        given().header("Authorization", photographer).get("/assets/" + closed).then().statusCode(200)
                .body(containsString("\"asset\":\"" + closed + "\""));
        // A batch is the photographer's and staff's: a reader gets "not found" for it too.
        given().header("Authorization", reader).get("/batches/" + batch).then().statusCode(404);
        given().header("Authorization", reader).get("/api/v1/batches/" + batch + "/events").then().statusCode(404);
        given().header("Authorization", photographer).get("/batches/" + batch).then().statusCode(200);
    }

    @Test
    void aDuplicateNamesItsOriginalOnlyToThoseWhoMaySeeIt() throws Exception {
        byte[] photo = Fixtures.uniquePhoto();
        String original = given().header("Authorization", photographer).multiPart("file", "orig.jpg", photo).post("/api/v1/assets").then()
                .statusCode(201).extract().path("id");
        String duplicate = given().multiPart("file", "again.jpg", photo).post("/api/v1/assets").then().statusCode(201).extract().path("id");
        Fixtures.awaitSettled(duplicate, Duration.ofSeconds(120));
        given().contentType("application/merge-patch+json").body(Map.of("openStatus", "OPEN", "reason", "NO_RESTRICTION"))
                .patch("/api/v1/assets/" + duplicate).then().statusCode(200);
        given().get("/api/v1/assets/" + duplicate).then().statusCode(200).body("duplicateOf", equalTo(original));
        // The reader may see the opened duplicate, not the unreviewed original: not even its id.
        String seen = given().header("Authorization", reader).get("/api/v1/assets/" + duplicate).then().statusCode(200).extract().asString();
        assertTrue(!seen.contains(original), seen);
        given().header("Authorization", reader).get("/assets/" + original).then().statusCode(404);
    }

    @Test
    void batchListAndEventsFollowTheBatchRules() {
        given().header("Authorization", photographer).get("/api/v1/batches").then().statusCode(200)
                .body("name", hasItem("Pages shoot")).body("find { it.id == '" + batch + "' }.totals.files", equalTo(1));
        given().header("Authorization", reader).get("/api/v1/batches").then().statusCode(200).body("size()", equalTo(0));
        given().header("Authorization", reader).queryParam("mine", "false").get("/api/v1/batches").then().statusCode(200)
                .body("size()", equalTo(0));
        given().header(TestAuth.ANONYMOUS, "1").get("/api/v1/batches").then().statusCode(401);
        given().header("Authorization", photographer).queryParam("limit", "0").get("/api/v1/batches").then().statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", photographer).queryParam("mine", "yes").get("/api/v1/batches").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("mine is true or false"));
        // The stream of a finished batch gives its view and ends.
        String events = given().header("Authorization", photographer).accept("text/event-stream").get("/api/v1/batches/" + batch + "/events")
                .then().statusCode(200).extract().asString();
        assertTrue(events.contains("\"files\":1") || events.contains("\"id\":\"" + closed + "\""), events);
    }

    @Test
    void statisticsCountOnlyWhatTheCallerMaySee() {
        // The dated photos each caller finds by searching are the photos the statistics count for them.
        Fixtures.await("the photo indexed", Duration.ofSeconds(30), () -> given().queryParam("q", "filename:camera.jpg").get("/api/v1/search")
                .then().extract().jsonPath().getInt("total") > 0);
        for (String who : List.of("Bearer " + TestAuth.adminToken("http://localhost:" + RestAssured.port), reader)) {
            int searched = given().header("Authorization", who).queryParam("mediaType", "IMAGE").queryParam("dateFrom", "1826")
                    .get("/api/v1/search").then().statusCode(200).extract().jsonPath().getInt("total");
            List<Integer> counted = given().header("Authorization", who).get("/api/v1/search/statistics").then().statusCode(200)
                    .extract().jsonPath().getList("records.IMAGE", Integer.class);
            assertEquals(searched, counted.stream().filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).sum(), who);
        }
        int admin = given().get("/api/v1/search/statistics").then().extract().jsonPath().getList("records.IMAGE", Integer.class).stream()
                .filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).sum();
        int readers = given().header("Authorization", reader).get("/api/v1/search/statistics").then().extract().jsonPath()
                .getList("records.IMAGE", Integer.class).stream().filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).sum();
        assertTrue(readers < admin, "the reader's count leaves out the unreviewed photo: " + readers + " of " + admin);
        given().header(TestAuth.ANONYMOUS, "1").get("/api/v1/search/statistics").then().statusCode(401);
    }

    @Test
    void theSearchPageCarriesItsFirstHitsThroughTheSameAccessRulesAsTheApi() {
        Fixtures.await("the photo indexed", Duration.ofSeconds(30), () -> given().queryParam("q", "filename:camera.jpg").get("/api/v1/search")
                .then().extract().jsonPath().getList("hits.id").contains(closed));
        for (String who : List.of("Bearer " + TestAuth.adminToken("http://localhost:" + RestAssured.port), reader)) {
            List<String> api = given().header("Authorization", who).queryParam("q", "filename:camera.jpg").queryParam("size", 60)
                    .get("/api/v1/search").then().statusCode(200).extract().jsonPath().getList("hits.id");
            String html = given().header("Authorization", who).urlEncodingEnabled(false)
                    .get("/?q=filename%3Acamera.jpg").then().statusCode(200).extract().asString();
            io.restassured.path.json.JsonPath data = pageData(html);
            assertEquals("q=filename%3Acamera.jpg", data.getString("firstPage.query"), "the address it answers, as the browser has it");
            assertEquals(api, data.getList("firstPage.result.hits.id"), who);
            // The browser fetches the first hits' thumbnails while the scripts load: exactly those hits, no others.
            List<String> preloaded = java.util.regex.Pattern.compile("<link rel=\"preload\" as=\"image\" href=\"/api/v1/assets/([0-9a-f-]{36})/renditions/image-thumbnail\" fetchpriority=\"high\">")
                    .matcher(html).results().map(r -> r.group(1)).toList();
            assertEquals(api, preloaded, "one preload per photo hit, in order: " + who);
        }
        List<String> readers = pageData(given().header("Authorization", reader).urlEncodingEnabled(false).get("/?q=filename%3Acamera.jpg")
                .then().extract().asString()).getList("firstPage.result.hits.id");
        assertTrue(!readers.contains(closed), "the unreviewed photo is not in the reader's page: " + readers);
        // A search the API refuses is left to the script, which shows the API's problem details; the page itself still opens.
        io.restassured.path.json.JsonPath refused = pageData(given().header("Authorization", reader).urlEncodingEnabled(false)
                .get("/?q=%22unclosed").then().statusCode(200).extract().asString());
        assertEquals(null, refused.getString("firstPage"), "no first page for a refused search");
        assertTrue(!given().header("Authorization", reader).urlEncodingEnabled(false).get("/?q=%22unclosed").then().extract().asString()
                .contains("rel=\"preload\""), "and nothing to preload");
        given().header("Authorization", reader).queryParam("q", "\"unclosed").get("/api/v1/search").then().statusCode(400);
    }

    private static io.restassured.path.json.JsonPath pageData(String html) {
        String open = "<script type=\"application/json\" id=\"page-data\">";
        int start = html.indexOf(open);
        assertTrue(start >= 0, "the page carries its data block");
        return io.restassured.path.json.JsonPath.from(html.substring(start + open.length(), html.indexOf("</script>", start)));
    }

    @Test
    void theScriptsAndVendoredFilesAreServedFromTheBuild() {
        given().header(TestAuth.ANONYMOUS, "1").get("/static/js/app.js").then().statusCode(200).body(containsString("export async function api"));
        given().header(TestAuth.ANONYMOUS, "1").get("/static/vendor/tus-js-client-4.3.1/tus.min.js").then().statusCode(200);
        given().header(TestAuth.ANONYMOUS, "1").get("/static/vendor/peaks.js-4.0.0/peaks.min.js").then().statusCode(200)
                .body(containsString(").peaks="));
        given().header(TestAuth.ANONYMOUS, "1").get("/webjars/hls.js/1.4.12/dist/hls.min.js").then().statusCode(200);
        given().header(TestAuth.ANONYMOUS, "1").get("/static/css/app.css").then().statusCode(200).contentType(startsWith("text/css"));
    }

    @Test
    void signingOutClearsTheSessionCookie() {
        given().header("Authorization", reader).header("Origin", "http://localhost:" + RestAssured.port).redirects().follow(false)
                .post("/sign-out").then().statusCode(303).header("Set-Cookie", containsString("Max-Age=0"));
    }
}
