package org.avmam.transcode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.avmam.jobs.JobFailure;
import org.avmam.process.ProcessRunner;

/**
 * What ffmpeg can decode for a still image. Most formats go as they are. Camera RAW files carry
 * the camera's own full-size JPEG rendering, which is what the photographer saw and what every
 * RAW browser shows: it is taken out (the largest baseline or progressive JPEG in the file,
 * never the lossless-JPEG raw data some formats also hold). HEIC, which ffmpeg before 7.1 cannot
 * decode, is decoded by libheif's {@code heif-convert} when that is installed.
 */
public final class StillSource {

    /** The RAW formats by the media types avmam's detector gives them. */
    private static final Set<String> RAW = Set.of("image/x-canon-cr2", "image/x-canon-cr3", "image/x-canon-crw", "image/x-nikon-nef",
            "image/x-sony-arw", "image/x-adobe-dng", "image/x-panasonic-rw2", "image/x-olympus-orf", "image/x-fuji-raf",
            "image/x-raw-canon", "image/x-raw-nikon", "image/x-raw-sony", "image/x-raw-adobe", "image/x-raw-panasonic",
            "image/x-raw-olympus", "image/x-raw-fuji", "image/x-pentax-pef", "image/x-raw-pentax");
    /** TIFF-based RAW files are often detected as TIFF from their bytes: their extension tells. */
    private static final Set<String> RAW_EXTENSIONS = Set.of("cr2", "cr3", "crw", "nef", "nrw", "arw", "srf", "sr2", "dng", "rw2",
            "orf", "raf", "pef", "srw", "3fr", "iiq", "erf", "kdc", "mrw", "x3f");
    private static final Set<String> HEIF = Set.of("image/heic", "image/heif");

    /**
     * {@code reducedDecode}: a JPEG whose size is the one the metadata states, so ffmpeg may decode
     * it at 1/2..1/8 (a RAW's preview is smaller than the sensor size the metadata gives: not it);
     * {@code upright}: the decoder already applied the rotation.
     */
    public record Decodable(Path path, boolean reducedDecode, boolean upright, String note) {}

    private StillSource() {}

    public static boolean isRaw(String mimeType, String fileName) {
        if (mimeType != null && RAW.contains(mimeType)) {
            return true;
        }
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot >= 0 && RAW_EXTENSIONS.contains(name.substring(dot + 1)) && (mimeType == null || mimeType.equals("image/tiff")
                || mimeType.startsWith("image/x-"));
    }

    /**
     * The file to hand to ffmpeg, written into {@code scratch} when one has to be made.
     *
     * @throws JobFailure when the image holds nothing ffmpeg can decode on this node
     */
    public static Decodable prepare(Path original, String mimeType, String fileName, Path scratch, ProcessRunner runner)
            throws IOException, InterruptedException {
        if (isRaw(mimeType, fileName)) {
            Path preview = Files.createDirectories(scratch).resolve("embedded-preview.jpg");
            if (!extractLargestJpeg(original, preview)) {
                throw new JobFailure("this RAW file holds no embedded JPEG preview, and avmam does not develop RAW data itself");
            }
            return new Decodable(preview, false, false, "made from the camera's embedded JPEG preview");
        }
        if (mimeType != null && HEIF.contains(mimeType)) {
            Optional<Path> tool = org.avmam.process.Executables.onPath("heif-convert");
            if (tool.isEmpty()) {
                throw new JobFailure("HEIC/HEIF needs libheif's heif-convert on this node (Debian/Ubuntu: apt-get install libheif-examples)");
            }
            Path decoded = Files.createDirectories(scratch).resolve("decoded.jpg");
            ProcessRunner.Result r = runner.run(List.of(tool.get().toString(), "-q", "95", original.toAbsolutePath().toString(),
                    decoded.toString()), Duration.ofMinutes(5));
            if (!r.ok() || !Files.isRegularFile(decoded)) {
                throw new JobFailure("heif-convert cannot decode this HEIC/HEIF file: " + r.stderrTail() + " " + r.stdout().strip());
            }
            // libheif applies the HEIF rotation and mirroring (irot/imir); the EXIF orientation must not be applied again.
            return new Decodable(decoded, true, true, "decoded by heif-convert");
        }
        return new Decodable(original, "image/jpeg".equals(mimeType), false, null);
    }

    /** Writes the largest decodable JPEG found inside {@code file} to {@code out}; false if there is none. */
    static boolean extractLargestJpeg(Path file, Path out) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                return false;
            }
            MappedByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            int bestStart = -1;
            int bestEnd = -1;
            long bestPixels = 0;
            for (int i = 0; i + 3 < size; i++) {
                if ((b.get(i) & 0xff) == 0xff && (b.get(i + 1) & 0xff) == 0xd8 && (b.get(i + 2) & 0xff) == 0xff) {
                    long[] found = scanJpeg(b, i, (int) size);
                    if (found != null) {
                        long pixels = found[1];
                        if (pixels > bestPixels) {
                            bestPixels = pixels;
                            bestStart = i;
                            bestEnd = (int) found[0];
                        }
                        i = (int) found[0] - 1;
                    }
                }
            }
            if (bestStart < 0) {
                return false;
            }
            try (OutputStream o = Files.newOutputStream(out)) {
                byte[] chunk = new byte[64 * 1024];
                for (int p = bestStart; p < bestEnd; p += chunk.length) {
                    int n = Math.min(chunk.length, bestEnd - p);
                    b.get(p, chunk, 0, n);
                    o.write(chunk, 0, n);
                }
            }
            return true;
        }
    }

    /**
     * Walks one JPEG's segments from its SOI. Returns {end offset (after EOI), width × height} for a
     * complete baseline, extended or progressive JPEG, null for anything else (lossless raw data,
     * a false match, a cut-off stream).
     */
    static long[] scanJpeg(java.nio.ByteBuffer b, int start, int limit) {
        int p = start + 2;
        long pixels = -1;
        while (p + 4 <= limit) {
            if ((b.get(p) & 0xff) != 0xff) {
                return null;
            }
            int marker = b.get(p + 1) & 0xff;
            if (marker == 0xff) {
                p++;
                continue;
            }
            if (marker == 0xd9) {
                return pixels > 0 ? new long[] {p + 2, pixels} : null;
            }
            if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                p += 2;
                continue;
            }
            int len = ((b.get(p + 2) & 0xff) << 8) | (b.get(p + 3) & 0xff);
            if (len < 2 || p + 2 + len > limit) {
                return null;
            }
            if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc) {
                if (marker != 0xc0 && marker != 0xc1 && marker != 0xc2) {
                    return null; // lossless or arithmetic: raw sensor data, not a picture to show
                }
                if (len < 8) {
                    return null;
                }
                int h = ((b.get(p + 5) & 0xff) << 8) | (b.get(p + 6) & 0xff);
                int w = ((b.get(p + 7) & 0xff) << 8) | (b.get(p + 8) & 0xff);
                pixels = (long) w * h;
            }
            p += 2 + len;
            if (marker == 0xda) {
                // Entropy-coded data runs to the next marker that is not a stuffed 0x00 or a restart marker.
                while (p + 1 < limit) {
                    if ((b.get(p) & 0xff) == 0xff) {
                        int next = b.get(p + 1) & 0xff;
                        if (next != 0x00 && !(next >= 0xd0 && next <= 0xd7) && next != 0xff) {
                            break;
                        }
                    }
                    p++;
                }
            }
        }
        return null;
    }
}
