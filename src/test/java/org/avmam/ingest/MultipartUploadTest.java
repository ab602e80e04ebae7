package org.avmam.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.avmam.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Multipart uploads as clients really send them, over a raw socket so every byte is ours: the
 * interim 100 Continue that curl waits for, form fields after the file, and bodies that break the
 * rules of one file per request or of the multipart syntax.
 */
@QuarkusTest
class MultipartUploadTest {

    @TestHTTPResource("/")
    URL url;

    private static final String BOUNDARY = "avmamTestBoundary";

    private static byte[] form(String filename, byte[] file, String trailing) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(file);
        b.writeBytes(("\r\n--" + BOUNDARY + "\r\n" + trailing).getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    private static String headers(String contentType, int length, boolean expectContinue) {
        return "POST /api/v1/assets HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + org.avmam.TestAuth.header() + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + length
                + "\r\n" + (expectContinue ? "Expect: 100-continue\r\n" : "") + "\r\n";
    }

    /** Reads one HTTP response head (status line and headers), byte by byte so nothing after it is consumed. */
    private static String readHead(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.write(c);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aClientThatExpectsContinueIsToldToGoOnAndFieldsAfterTheFileCount() throws Exception {
        byte[] photo = Files.readAllBytes(Fixtures.CAMERA_JPEG);
        String filename = "after-fields-" + System.nanoTime() + ".jpg";
        byte[] body = form(filename, photo, "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
                + "外滩灯光秀\r\n--" + BOUNDARY + "--\r\n");
        try (Socket s = new Socket(url.getHost(), url.getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(headers("multipart/form-data; boundary=" + BOUNDARY, body.length, true).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // curl waits a second for this before sending anything; a server that never says it costs every upload that second.
            String interim = readHead(s.getInputStream());
            assertTrue(interim.startsWith("HTTP/1.1 100 Continue"), interim);
            out.write(body);
            out.flush();
            String head = readHead(s.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 201"), head);
        }
        JsonPath asset = JsonPath.from(given().queryParam("sha256", HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(photo))).get("/api/v1/assets").then().statusCode(200).extract().asString());
        List<String> names = asset.getList("originalFilename");
        assertTrue(names.contains(filename), names.toString());
        String id = asset.getString("find { it.originalFilename == '" + filename + "' }.id");
        assertEquals("外滩灯光秀", given().get("/api/v1/assets/" + id).then().statusCode(200).extract().path("title"));
    }

    @Test
    void aRequestRefusedOnItsHeadersGetsNoContinue() throws Exception {
        // Not multipart: 415. Declared larger than avmam.upload.max-bytes (100 GiB by default): 413, before a byte is sent.
        assertAnsweredAtOnce(headers("text/plain", 5_000_000, true), "HTTP/1.1 415");
        assertAnsweredAtOnce(headers("multipart/form-data; boundary=" + BOUNDARY, 0, true)
                .replace("Content-Length: 0", "Content-Length: 200000000000"), "HTTP/1.1 413");
    }

    private void assertAnsweredAtOnce(String head, String status) throws Exception {
        try (Socket s = new Socket(url.getHost(), url.getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readHead(s.getInputStream());
            assertTrue(answer.startsWith(status), "the final answer comes at once, not 100 Continue: " + answer);
        }
    }

    private static void assertRefused(byte[] body, String why) throws Exception {
        String answer = given().contentType("multipart/form-data; boundary=" + BOUNDARY).body(body).post("/api/v1/assets")
                .then().statusCode(400).contentType("application/problem+json").extract().path("detail");
        assertTrue(answer.contains(why), answer);
    }

    @Test
    void twoFilesAMalformedBodyAndAFileInTheWrongFieldAreRefused() throws Exception {
        byte[] photo = Files.readAllBytes(Fixtures.CAMERA_JPEG);
        long before = given().queryParam("size", 500).get("/api/v1/assets").then().extract().jsonPath().getList("id").size();
        assertRefused(form("a.jpg", photo, "Content-Disposition: form-data; name=\"file\"; filename=\"b.jpg\"\r\n\r\n"
                + "x\r\n--" + BOUNDARY + "--\r\n"), "one file per request");
        assertRefused(form("a.jpg", photo, "garbage").clone(), "malformed");
        byte[] wrongField = form("a.jpg", photo, "").clone();
        String text = new String(wrongField, StandardCharsets.ISO_8859_1).replaceFirst("name=\"file\"", "name=\"photo\"");
        assertRefused(text.getBytes(StandardCharsets.ISO_8859_1), "the file goes in the field 'file'");
        assertRefused(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nno file\r\n--" + BOUNDARY
                + "--\r\n").getBytes(StandardCharsets.UTF_8), "no file");
        long after = given().queryParam("size", 500).get("/api/v1/assets").then().extract().jsonPath().getList("id").size();
        assertEquals(before, after, "no refused body became an asset");
    }
}
