package org.avmam.web;

import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.avmam.Fixtures;

/**
 * The journeys in Chinese: every browser asks for zh-CN. Its shoot is the English run's files, each with a comment
 * added where its format keeps one (a JPEG COM segment, a PNG tEXt chunk, an MP4 free box), so the bytes differ and
 * the archive takes them as new records rather than duplicates.
 */
@QuarkusTest
class WebJourneysInChineseTest extends WebJourneys {

    private static final byte[] NOTE = "avmam web journey, zh-CN".getBytes(StandardCharsets.US_ASCII);

    @Override
    String language() {
        return "zh-CN";
    }

    @Override
    String keyword() {
        return "Quillmarsh";
    }

    @Override
    List<Path> shoot() {
        try {
            Path dir = Files.createDirectories(Path.of("target/web-journeys-zh"));
            return List.of(write(dir.resolve("camera.jpg"), withJpegComment(Files.readAllBytes(Fixtures.CAMERA_JPEG))),
                    write(dir.resolve("a.png"), withPngText(Files.readAllBytes(Path.of("src/test/resources/media/formats/a.png")))),
                    write(dir.resolve(Fixtures.SPEECH_VIDEO.getFileName().toString()), withFreeBox(Files.readAllBytes(Fixtures.SPEECH_VIDEO))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    String own(String name) {
        return name + "zh";
    }

    @Override
    String wrongPasswordDetail() {
        return "用户名或密码错误";
    }

    private static Path write(Path file, byte[] bytes) throws IOException {
        return Files.write(file, bytes);
    }

    /** A COM segment after the APPn segments (EXIF stays first), before the tables. */
    static byte[] withJpegComment(byte[] jpeg) {
        int at = 2;
        while ((jpeg[at + 1] & 0xFF) >= 0xE0 && (jpeg[at + 1] & 0xFF) <= 0xEF) {
            at += 2 + ((jpeg[at + 2] & 0xFF) << 8 | (jpeg[at + 3] & 0xFF));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, at);
        out.write(0xFF);
        out.write(0xFE);
        out.write((NOTE.length + 2) >> 8);
        out.write((NOTE.length + 2) & 0xFF);
        out.writeBytes(NOTE);
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    /** A tEXt chunk right after IHDR (signature 8 bytes, IHDR 25). */
    static byte[] withPngText(byte[] png) {
        byte[] data = ByteBuffer.allocate(8 + NOTE.length).put("Comment".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put(NOTE).array();
        byte[] typed = ByteBuffer.allocate(4 + data.length).put("tEXt".getBytes(StandardCharsets.US_ASCII)).put(data).array();
        CRC32 crc = new CRC32();
        crc.update(typed);
        ByteBuffer chunk = ByteBuffer.allocate(4 + typed.length + 4).putInt(data.length).put(typed).putInt((int) crc.getValue());
        int at = 8 + 25;
        byte[] out = Arrays.copyOf(png, png.length + chunk.capacity());
        System.arraycopy(chunk.array(), 0, out, at, chunk.capacity());
        System.arraycopy(png, at, out, at + chunk.capacity(), png.length - at);
        return out;
    }

    /** A top-level free box at the end of the file, which every reader skips. */
    static byte[] withFreeBox(byte[] mp4) {
        ByteBuffer box = ByteBuffer.allocate(8 + NOTE.length).putInt(8 + NOTE.length).put("free".getBytes(StandardCharsets.US_ASCII)).put(NOTE);
        byte[] out = Arrays.copyOf(mp4, mp4.length + box.capacity());
        System.arraycopy(box.array(), 0, out, mp4.length, box.capacity());
        return out;
    }
}
