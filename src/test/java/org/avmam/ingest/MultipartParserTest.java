package org.avmam.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The event-loop multipart parser against bodies cut into buffers at every position: a delimiter,
 * a header block or a CRLF split over two network reads must parse exactly as in one piece.
 */
class MultipartParserTest {

    private static final String BOUNDARY = "----avmamBoundary7MA4YWxk";

    /** What the handler saw: each part's headers and content. */
    private static final class Recorder implements MultipartParser.Handler {
        final List<Map<String, String>> headers = new ArrayList<>();
        final List<ByteArrayOutputStream> contents = new ArrayList<>();
        int ended;

        @Override
        public void partBegin(Map<String, String> h) {
            headers.add(h);
            contents.add(new ByteArrayOutputStream());
        }

        @Override
        public void content(ByteBuf content) {
            byte[] b = new byte[content.readableBytes()];
            content.readBytes(b);
            content.release();
            contents.get(contents.size() - 1).writeBytes(b);
        }

        @Override
        public void partEnd() {
            ended++;
        }

        byte[] content(int i) {
            return contents.get(i).toByteArray();
        }
    }

    /** Content that tries hard to look like a delimiter: CRs, CRLF--, and the boundary minus its last byte. */
    private static byte[] trickyFile() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("\r\r\n\r\n-\r\n--\r\n--".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(("\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1) + "X").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(("--" + BOUNDARY).getBytes(StandardCharsets.ISO_8859_1)); // without the CRLF before it: content
        // Its last byte right and one in the middle wrong: the search must compare all of it.
        String oneOff = BOUNDARY.substring(0, 3) + "#" + BOUNDARY.substring(4);
        out.writeBytes(("\r\n--" + oneOff).getBytes(StandardCharsets.ISO_8859_1));
        byte[] noise = new byte[3000];
        new Random(7).nextBytes(noise);
        out.writeBytes(noise);
        out.writeBytes("\r\n\r".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static byte[] body(byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("preamble that clients may send\r\n--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
                + "南沙地铁开通仪式\r\n--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"采访 2019.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + BOUNDARY + "  \r\n" // transport padding after a delimiter is allowed (RFC 2046)
                + "Content-Disposition: form-data; name=\"language\"\r\n\r\n"
                + "zh-CN\r\n--" + BOUNDARY + "--\r\nepilogue, ignored").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static Recorder parse(byte[] body, int... cuts) throws MultipartParser.MalformedException {
        return parse(false, body, cuts);
    }

    /** {@code direct}: in direct buffers (searched in a copy) rather than slices of a heap array. */
    private static Recorder parse(boolean direct, byte[] body, int... cuts) throws MultipartParser.MalformedException {
        Recorder r = new Recorder();
        MultipartParser p = new MultipartParser(BOUNDARY, r);
        int from = 0;
        for (int cut : cuts) {
            p.feed(piece(direct, body, from, cut));
            from = cut;
        }
        p.feed(piece(direct, body, from, body.length));
        p.finish();
        return r;
    }

    private static ByteBuf piece(boolean direct, byte[] body, int from, int to) {
        if (!direct) {
            return Unpooled.wrappedBuffer(body, from, to - from);
        }
        ByteBuf b = Unpooled.directBuffer(to - from);
        b.writeBytes(body, from, to - from);
        return b;
    }

    private static void assertParts(Recorder r, byte[] file) {
        assertEquals(3, r.headers.size());
        assertEquals(3, r.ended);
        assertEquals("南沙地铁开通仪式", new String(r.content(0), StandardCharsets.UTF_8));
        assertEquals("form-data; name=\"file\"; filename=\"采访 2019.mp4\"", r.headers.get(1).get("content-disposition"));
        assertEquals("video/mp4", r.headers.get(1).get("content-type"));
        assertArrayEquals(file, r.content(1));
        assertEquals("zh-CN", new String(r.content(2), StandardCharsets.UTF_8));
    }

    @Test
    void aBodyInOnePieceAndCutAtEveryPositionParsesTheSame() throws Exception {
        byte[] file = trickyFile();
        byte[] body = body(file);
        assertParts(parse(body), file);
        for (int cut = 1; cut < body.length; cut++) {
            assertParts(parse(body, cut), file);
            assertParts(parse(true, body, cut), file);
        }
    }

    @Test
    void aBodyInManySmallPiecesParsesTheSame() throws Exception {
        byte[] file = trickyFile();
        byte[] body = body(file);
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<Integer> cuts = new ArrayList<>();
            for (int at = random.nextInt(1, 80); at < body.length; at += random.nextInt(1, 80)) {
                cuts.add(at);
            }
            assertParts(parse(body, cuts.stream().mapToInt(Integer::intValue).toArray()), file);
        }
    }

    @Test
    void everyTruncationOfTheBodyIsReported() {
        byte[] body = body(trickyFile());
        int closing = new String(body, StandardCharsets.ISO_8859_1).lastIndexOf("--" + BOUNDARY + "--") + BOUNDARY.length() + 4;
        for (int length = 0; length < closing; length++) {
            byte[] prefix = java.util.Arrays.copyOf(body, length);
            assertThrows(MultipartParser.MalformedException.class, () -> parse(prefix), "cut after " + length + " bytes");
        }
    }

    @Test
    void aBodyThatOpensWithTheDelimiterNeedsNoPreamble() throws Exception {
        byte[] body = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--" + BOUNDARY + "--")
                .getBytes(StandardCharsets.US_ASCII);
        Recorder r = parse(body);
        assertEquals("x", new String(r.content(0), StandardCharsets.US_ASCII));
    }

    @Test
    void brokenSyntaxIsReportedWithWhatIsWrong() {
        String d = "--" + BOUNDARY;
        var garbage = assertThrows(MultipartParser.MalformedException.class,
                () -> parse((d + "garbage\r\n\r\nx\r\n" + d + "--").getBytes(StandardCharsets.US_ASCII)));
        assertTrue(garbage.getMessage().contains("CRLF or '--'"), garbage.getMessage());
        var noColon = assertThrows(MultipartParser.MalformedException.class,
                () -> parse((d + "\r\nno colon here\r\n\r\nx\r\n" + d + "--").getBytes(StandardCharsets.US_ASCII)));
        assertTrue(noColon.getMessage().contains("no name"), noColon.getMessage());
        var huge = assertThrows(MultipartParser.MalformedException.class,
                () -> parse((d + "\r\nX-Long: " + "a".repeat(20_000) + "\r\n\r\nx\r\n" + d + "--").getBytes(StandardCharsets.US_ASCII)));
        assertTrue(huge.getMessage().contains("longer than"), huge.getMessage());
        var none = assertThrows(MultipartParser.MalformedException.class,
                () -> parse("just some text".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(none.getMessage().contains("no part"), none.getMessage());
    }

    @Test
    void theBoundaryIsReadFromTheContentTypeAndChecked() {
        assertEquals("abc", MultipartParser.boundary("multipart/form-data; boundary=abc"));
        assertEquals("a b:c", MultipartParser.boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b:c\""));
        for (String bad : new String[] {"multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary="
                + "x".repeat(71), "multipart/form-data; boundary=a\rb",
                "multipart/form-data; boundary=\"trailing \"", "text/plain; boundary=abc"}) {
            assertThrows(IllegalArgumentException.class, () -> MultipartParser.boundary(bad), bad);
        }
    }
}
