package org.avmam.description;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.avmam.Fixtures;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * DA/T 54 description of a real photo with Chinese XMP: filled from the file through the crosswalk,
 * completed by an archivist, validated, kept in a history, edited in batch and exported as DA/T XML
 * and Dublin Core.
 */
@QuarkusTest
class DescriptionTest {

    private static String upload(java.nio.file.Path file) {
        String id = given().multiPart("file", file.toFile(), "application/octet-stream").post("/api/v1/assets").then().statusCode(201)
                .extract().path("id");
        assertEquals("READY", Fixtures.awaitSettled(id, Duration.ofMinutes(2)).getString("state"));
        return id;
    }

    private static JsonPath description(String id) {
        return given().get("/api/v1/assets/" + id + "/description").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void filledFromTheFileCompletedByHandValidatedAndExported() throws Exception {
        String id = upload(java.nio.file.Path.of("src/test/resources/media/metadata/exif-full.jpg"));
        JsonPath d = description(id);
        assertEquals("DA/T 54-2014", d.getString("standard"));
        // From the file, through the crosswalk, saying where each value came from.
        assertEquals("image.captured", d.getString("elements.find { it.key == 'dateTaken' }.source"));
        assertEquals("embedded.make", d.getString("elements.find { it.key == 'deviceMake' }.source"));
        assertEquals("ZP", d.getString("elements.find { it.key == 'categoryCode' }.value"));
        assertTrue(d.getList("missing").containsAll(List.of("archivalCode", "retentionPeriod", "fonds")), d.getList("missing").toString());
        assertEquals(false, d.getBoolean("complete"));

        // The archivist completes the caption; record fields go to the asset.
        JsonPath after = given().contentType("application/merge-patch+json; charset=UTF-8")
                .body(Map.of("event", "南沙地铁开通仪式", "place", List.of("南沙", "蕉门站"), "persons", "张伟", "background", "18号线首班车",
                        "retentionPeriod", "D30", "fonds", "J001"))
                .patch("/api/v1/assets/" + id + "/description").then().statusCode(200).extract().jsonPath();
        assertEquals("user", after.getString("elements.find { it.key == 'event' }.source"));
        assertEquals(List.of("南沙", "蕉门站"), after.getList("caption.place"));
        assertEquals(List.of("张伟"), after.getList("caption.persons"), "a repeatable element given one value holds a list");
        assertTrue(after.getString("captionText").startsWith("事由：南沙地铁开通仪式；时间："), after.getString("captionText"));
        assertEquals("D30", after.getString("elements.find { it.key == 'retentionPeriod' }.value"));
        given().get("/api/v1/assets/" + id).then().body("retentionPeriod", equalTo("D30")).body("fonds", equalTo("J001"));

        // Every change is in the history, with the old and new values.
        JsonPath history = given().get("/api/v1/assets/" + id + "/description/history").then().statusCode(200).extract().jsonPath();
        assertTrue(history.getList("element").containsAll(List.of("event", "place", "persons", "background", "retentionPeriod", "fonds")),
                history.prettify());
        assertEquals("南沙地铁开通仪式", history.getString("find { it.element == 'event' }.newValue"));

        // Validation against the element definitions.
        given().contentType("application/json").body(Map.of("dateTaken", "last spring")).patch("/api/v1/assets/" + id + "/description")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("摄影时间"));
        given().contentType("application/json").body(Map.of("event", List.of("a", "b"))).patch("/api/v1/assets/" + id + "/description")
                .then().statusCode(400).body("detail", containsString("one value"));
        given().contentType("application/json").body(Map.of("fixity", "0")).patch("/api/v1/assets/" + id + "/description")
                .then().statusCode(400).body("detail", containsString("set by the system"));
        given().contentType("application/json").body(Map.of("colour", "red")).patch("/api/v1/assets/" + id + "/description")
                .then().statusCode(400).body("detail", containsString("not an element"));
        given().contentType("application/json").body("{\"retentionPeriod\": null}").patch("/api/v1/assets/" + id + "/description")
                .then().statusCode(422).body("detail", containsString("保管期限"));
        // The photographer is mandatory and this file names none: once set by hand it cannot be cleared.
        given().contentType("application/json; charset=UTF-8").body(Map.of("photographer", "王芳")).patch("/api/v1/assets/" + id + "/description")
                .then().statusCode(200).body("captionText", containsString("摄影者：王芳"));
        given().contentType("application/json").body("{\"photographer\": null}").patch("/api/v1/assets/" + id + "/description")
                .then().statusCode(422).body("detail", containsString("摄影者"));

        // The caption is searchable.
        Fixtures.await("the new caption to be searchable", Duration.ofSeconds(30), () -> given()
                .queryParam("q", "event:南沙地铁开通仪式 蕉门站").get("/api/v1/search").then().statusCode(200).extract()
                .jsonPath().getList("hits.id").contains(id));

        // DA/T XML: the standard's element names as tags, numbers as attributes.
        String xml = given().queryParam("format", "dat-xml").get("/api/v1/assets/" + id + "/description").then().statusCode(200)
                .contentType(containsString("application/xml")).extract().asString();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        assertEquals("照片类电子档案元数据", doc.getDocumentElement().getTagName());
        assertEquals("南沙地铁开通仪式", doc.getElementsByTagName("事由").item(0).getTextContent());
        assertEquals(2, doc.getElementsByTagName("地点").getLength(), "a repeatable element repeats its tag");
        assertEquals("M6", ((org.w3c.dom.Element) doc.getElementsByTagName("事由").item(0)).getAttribute("number"));

        // Dublin Core, as JSON and as oai_dc XML.
        JsonPath dc = given().queryParam("format", "dc-json").get("/api/v1/assets/" + id + "/description").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("StillImage"), dc.getList("type"));
        assertTrue(dc.getList("subject").contains("南沙地铁开通仪式"));
        assertEquals(List.of("南沙", "蕉门站"), dc.getList("coverage"));
        String dcXml = given().queryParam("format", "dc-xml").get("/api/v1/assets/" + id + "/description").then().statusCode(200)
                .extract().asString();
        Document dcDoc = parseNamespaced(dcXml);
        assertEquals(2, dcDoc.getElementsByTagNameNS(DescriptionExport.DC, "coverage").getLength());
        given().queryParam("format", "pdf").get("/api/v1/assets/" + id + "/description").then().statusCode(400);
    }

    @Test
    void batchEditChangesAllOrNone() {
        String a = upload(Fixtures.CAMERA_JPEG);
        String b = upload(java.nio.file.Path.of("src/test/resources/media/metadata/zh-xmp.jpg"));
        given().contentType("application/json; charset=UTF-8").body(Map.of("assets", List.of(a, b), "set", Map.of("event", "春节团拜会",
                "photographer", List.of("李娜")))).patch("/api/v1/descriptions").then().statusCode(200).body("changed", equalTo(2));
        assertEquals("春节团拜会", description(a).getString("caption.event"));
        assertEquals(List.of("李娜"), description(b).getList("caption.photographer"));
        // Cleared again, the photographer falls back to the one the file names (XMP dc:creator).
        given().contentType("application/json").body("{\"photographer\": null}").patch("/api/v1/assets/" + b + "/description")
                .then().statusCode(200).body("elements.find { it.key == 'photographer' }.source", equalTo("embedded.creator"))
                .body("caption.photographer", equalTo(List.of("陈明")));
        // One bad value: neither changes.
        given().contentType("application/json").body(Map.of("assets", List.of(a, "00000000-0000-0000-0000-000000000000"), "set",
                Map.of("event", "x"))).patch("/api/v1/descriptions").then().statusCode(404);
        assertEquals("春节团拜会", description(a).getString("caption.event"));
        given().get("/api/v1/descriptions/schemas/av").then().statusCode(200).body("standard", equalTo("DA/T 63-2017"))
                .body("elements.find { it.number == 'M7' }.zh", equalTo("题名"));
    }

    private static Document parseNamespaced(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
