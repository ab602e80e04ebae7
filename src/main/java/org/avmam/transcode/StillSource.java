package org.avmam.transcode;

import org.avmam.ffmpeg.FfmpegTools;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.avmam.config.AvmamConfig;
import org.avmam.jobs.JobFailure;
import org.avmam.process.ProcessRunner;
import org.avmam.transcode.heif.HeifImage;
import org.avmam.transcode.heif.HeifReader;

/**
 * What ffmpeg can decode for a still image. Most formats go as they are. Camera RAW files carry
 * the camera's own full-size JPEG rendering, which is what the photographer saw and what every
 * RAW browser shows: it is taken out (the largest baseline or progressive JPEG in the file,
 * never the lossless-JPEG raw data some formats also hold). HEIC and HEIF are read in Java
 * ({@link HeifReader}) and their HEVC tiles decoded and assembled by ffmpeg, which needs nothing
 * beyond the HEVC decoder every ffmpeg has.
 *
 * <p>A decoded HEIC or RAW still is made once per original and kept under
 * {@code <data-dir>/stills/} until the asset is settled, so its thumbnail, preview and perceptual
 * hash do not each decode it again.
 */
@ApplicationScoped
public class StillSource {

    /** The RAW formats by the media types avmam's detector gives them. */
    private static final Set<String> RAW = Set.of("image/x-canon-cr2", "image/x-canon-cr3", "image/x-canon-crw", "image/x-nikon-nef",
            "image/x-sony-arw", "image/x-adobe-dng", "image/x-panasonic-rw2", "image/x-olympus-orf", "image/x-fuji-raf",
            "image/x-raw-canon", "image/x-raw-nikon", "image/x-raw-sony", "image/x-raw-adobe", "image/x-raw-panasonic",
            "image/x-raw-olympus", "image/x-raw-fuji", "image/x-pentax-pef", "image/x-raw-pentax");
    /** TIFF-based RAW files are often detected as TIFF from their bytes: their extension tells. */
    private static final Set<String> RAW_EXTENSIONS = Set.of("cr2", "cr3", "crw", "nef", "nrw", "arw", "srf", "sr2", "dng", "rw2",
            "orf", "raf", "pef", "srw", "3fr", "iiq", "erf", "kdc", "mrw", "x3f");
    private static final Set<String> HEIF = Set.of("image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence");

    /**
     * {@code reducedDecode}: a JPEG whose size is the one the metadata states, so ffmpeg may decode
     * it at 1/2..1/8 (a RAW's preview is smaller than the sensor size the metadata gives: not it);
     * {@code upright}: the decoder already applied the rotation.
     */
    public record Decodable(Path path, boolean reducedDecode, boolean upright, String note) {}

    private final java.util.function.Supplier<Path> ffmpeg;
    private final ProcessRunner runner;
    private final Path stills;
    private final long maxPixels;

    @jakarta.inject.Inject
    public StillSource(FfmpegTools ffmpeg, ProcessRunner runner, AvmamConfig config) {
        this(ffmpeg::ffmpeg, runner, config.dataDir().resolve("stills"), config.ffmpeg().maxPixels());
    }

    /** For tests that decode without the container. */
    public StillSource(java.util.function.Supplier<Path> ffmpeg, ProcessRunner runner, Path stills, long maxPixels) {
        this.ffmpeg = ffmpeg;
        this.runner = runner;
        this.stills = stills;
        this.maxPixels = maxPixels;
    }

    public static boolean isRaw(String mimeType, String fileName) {
        if (mimeType != null && RAW.contains(mimeType)) {
            return true;
        }
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot >= 0 && RAW_EXTENSIONS.contains(name.substring(dot + 1)) && (mimeType == null || mimeType.equals("image/tiff")
                || mimeType.startsWith("image/x-"));
    }

    public static boolean isHeif(String mimeType) {
        return mimeType != null && HEIF.contains(mimeType);
    }

    /**
     * The file to hand to ffmpeg. For HEIC and RAW originals with a known {@code sha256}, the
     * decoded still is shared by every caller until {@link #release(String)}; otherwise it is
     * written into {@code scratch}.
     *
     * @throws JobFailure when the image holds nothing ffmpeg can decode, saying why in words
     */
    public Decodable prepare(Path original, String sha256, String mimeType, String fileName, Path scratch)
            throws IOException, InterruptedException {
        boolean raw = isRaw(mimeType, fileName);
        boolean heif = !raw && isHeif(mimeType);
        if (!raw && !heif) {
            return new Decodable(original, "image/jpeg".equals(mimeType), false, null);
        }
        String note = raw ? "made from the camera's embedded JPEG preview" : "decoded from the HEIF image items";
        Path target = sha256 == null ? Files.createDirectories(scratch).resolve("decoded.jpg") : cached(sha256);
        if (Files.isRegularFile(target)) {
            return new Decodable(target, false, heif, note);
        }
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(target.getFileName() + ".part-" + java.util.UUID.randomUUID());
        try {
            if (raw) {
                if (!RawPreview.extractLargestJpeg(original, temp)) {
                    throw new JobFailure("this RAW file holds no embedded JPEG preview (none of its JPEG streams is a complete picture),"
                            + " and avmam does not develop RAW sensor data itself");
                }
            } else {
                decodeHeif(original, temp, scratch);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        return new Decodable(target, false, heif, note);
    }

    /** Removes the shared decoded still of an original whose renditions are done. */
    public void release(String sha256) throws IOException {
        Files.deleteIfExists(cached(sha256));
    }

    private Path cached(String sha256) {
        return stills.resolve(sha256.substring(0, 2)).resolve(sha256 + ".jpg");
    }

    private void decodeHeif(Path original, Path out, Path scratch) throws IOException, InterruptedException {
        HeifImage image;
        try {
            image = HeifReader.read(original);
        } catch (org.avmam.transcode.heif.HeifException e) {
            throw new JobFailure(e.getMessage());
        }
        refuseIfHuge((long) image.width() * image.height(), image.width() + "×" + image.height());
        Path dir = Files.createDirectories(scratch);
        Path stream = dir.resolve("tiles.hevc");
        try (OutputStream o = Files.newOutputStream(stream)) {
            for (byte[] tile : image.tiles()) {
                o.write(tile);
            }
        }
        List<String> cmd = heifCommand(ffmpeg.get().toString(), stream, image, out);
        try {
            ProcessRunner.Result r = runner.run(cmd, Duration.ofMinutes(5));
            if (!r.ok() || !Files.isRegularFile(out) || Files.size(out) == 0) {
                throw new JobFailure("the HEVC image data of this HEIF file cannot be decoded (damaged or incomplete): "
                        + lastLine(r.stderrTail()));
            }
        } finally {
            Files.deleteIfExists(stream);
        }
    }

    /**
     * ffmpeg reads the tiles as one raw HEVC stream, {@code tile} lays them out in raster order,
     * {@code crop} cuts the grid's padding to the picture's size, then the file's own rotation
     * and mirroring, in the order the file lists them.
     */
    static List<String> heifCommand(String ffmpeg, Path stream, HeifImage image, Path out) {
        List<String> filters = new ArrayList<>();
        if (image.isGrid()) {
            filters.add("tile=" + image.columns() + "x" + image.rows());
        }
        // 4:4:4 before cropping: a 4:2:0 crop rounds an odd width (Apple's 3313 px) down to an even one.
        filters.add("format=yuv444p");
        filters.add("crop=" + image.width() + ":" + image.height() + ":0:0");
        for (HeifImage.Transform t : image.transforms()) {
            switch (t) {
                case HeifImage.Rotate r when r.quarterTurns() == 1 -> filters.add("transpose=cclock");
                case HeifImage.Rotate r when r.quarterTurns() == 2 -> filters.add("hflip,vflip");
                case HeifImage.Rotate r when r.quarterTurns() == 3 -> filters.add("transpose=clock");
                case HeifImage.Rotate r -> { }
                case HeifImage.Mirror m -> filters.add(m.horizontalAxis() ? "vflip" : "hflip");
            }
        }
        return List.of(ffmpeg, "-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "hevc", "-i", stream.toString(),
                "-vf", String.join(",", filters), "-frames:v", "1", "-q:v", "2", "-f", "image2", "-c:v", "mjpeg", out.toString());
    }

    /** Refuses to decode beyond {@code avmam.ffmpeg.max-pixels}: a decompression bomb must not take a node's memory. */
    public void refuseIfHuge(long pixels, String size) {
        if (pixels > maxPixels) {
            throw new JobFailure("this image is " + size + " (" + pixels / 1_000_000 + " megapixels), more than the "
                    + maxPixels / 1_000_000 + " megapixels avmam decodes (avmam.ffmpeg.max-pixels); the original is kept as it is");
        }
    }

    private static String lastLine(String s) {
        List<String> lines = s.strip().lines().toList();
        return lines.isEmpty() ? "ffmpeg gave no reason" : lines.getLast();
    }
}
