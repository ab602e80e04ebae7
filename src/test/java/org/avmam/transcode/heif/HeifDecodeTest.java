package org.avmam.transcode.heif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.avmam.TestFfmpeg;
import org.avmam.jobs.JobFailure;
import org.avmam.process.ProcessRunner;
import org.avmam.transcode.StillSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HEIC without libheif: a tiled, rotated HEIF made here (tiles encoded by libx265, the container
 * by {@link HeifWriter}) and a real iPhone photo are read by {@link HeifReader} and decoded by the
 * build's ffmpeg; damaged files are refused with sentences.
 */
class HeifDecodeTest {

    private static final Path HEIF = Path.of("src/test/resources/media/heif");
    /** Not a multiple of the 256×192 tiles: the grid's padding must be cropped. */
    private static final int W = 500;
    private static final int H = 380;

    @TempDir
    static Path dir;
    private static Path source;
    private static Path rotatedGrid;

    @BeforeAll
    static void makeTiledHeif() throws Exception {
        source = dir.resolve("source.png");
        TestFfmpeg.run("-f", "lavfi", "-i", "testsrc2=size=" + W + "x" + H, "-frames:v", "1", source.toString());
        List<byte[]> parameterSets = null;
        List<List<byte[]>> tiles = new ArrayList<>();
        for (int row = 0; row < 2; row++) {
            for (int col = 0; col < 2; col++) {
                Path tile = dir.resolve("tile-" + row + col + ".hevc");
                TestFfmpeg.run("-i", source.toString(), "-vf", "pad=512:384:0:0,crop=256:192:" + col * 256 + ":" + row * 192,
                        "-frames:v", "1", "-c:v", "libx265", "-x265-params", "log-level=error", "-crf", "12", "-pix_fmt", "yuv420p",
                        "-f", "hevc", tile.toString());
                List<byte[]> nals = HeifWriter.nalUnits(Files.readAllBytes(tile));
                List<byte[]> ps = nals.stream().filter(n -> type(n) >= 32 && type(n) <= 34).toList();
                parameterSets = parameterSets == null ? ps : parameterSets;
                tiles.add(nals.stream().filter(n -> type(n) < 32).toList());
            }
        }
        rotatedGrid = dir.resolve("grid-rotated.heic");
        Files.write(rotatedGrid, HeifWriter.grid(parameterSets, tiles, 2, 2, 256, 192, W, H, 1));
    }

    private static int type(byte[] nal) {
        return (nal[0] >> 1) & 0x3f;
    }

    private static StillSource stills(Path cache) {
        return new StillSource(TestFfmpeg::ffmpeg, new ProcessRunner(), cache, 250_000_000L);
    }

    @Test
    void readsTheGridItsTilesAndItsRotation() throws Exception {
        HeifImage image = HeifReader.read(rotatedGrid);
        assertEquals(2, image.columns());
        assertEquals(2, image.rows());
        assertEquals(W, image.width());
        assertEquals(H, image.height());
        assertEquals(4, image.tiles().size());
        assertEquals(List.of(new HeifImage.Rotate(1)), image.transforms());
        for (byte[] t : image.tiles()) {
            assertEquals(1, t[3], "each tile is an Annex-B stream");
        }
    }

    @Test
    void aTiledRotatedHeifIsAssembledCroppedAndTurnedUpright() throws Exception {
        StillSource.Decodable d = stills(dir.resolve("stills-a")).prepare(rotatedGrid, null, "image/heic", "IMG_0001.HEIC", dir.resolve("scratch-a"));
        assertTrue(d.upright(), "the HEIF rotation is applied: EXIF orientation must not be applied again");
        BufferedImage decoded = ImageIO.read(d.path().toFile());
        assertEquals(H, decoded.getWidth(), "irot 1 turns the picture a quarter anticlockwise");
        assertEquals(W, decoded.getHeight());
        Path expected = dir.resolve("expected.png");
        TestFfmpeg.run("-i", source.toString(), "-vf", "transpose=cclock", expected.toString());
        double diff = meanDifference(decoded, ImageIO.read(expected.toFile()));
        assertTrue(diff < 6, "decoded grid differs from the source turned anticlockwise by " + diff + " per channel");
        Path clockwise = dir.resolve("clockwise.png");
        TestFfmpeg.run("-i", source.toString(), "-vf", "transpose=clock", clockwise.toString());
        assertTrue(meanDifference(decoded, ImageIO.read(clockwise.toFile())) > 20, "the comparison can tell a wrong turn");
    }

    /** iPhone 8 (2017, iOS 11: the first iPhones to shoot HEIC), an 8×6 grid stored upright. */
    @Test
    void anIphone8PhotoDecodesLandscapeAtFullSize() throws Exception {
        Path photo = HEIF.resolve("iphone-8.heic");
        HeifImage image = HeifReader.read(photo);
        assertEquals(8, image.columns());
        assertEquals(6, image.rows());
        BufferedImage decoded = ImageIO.read(stills(dir.resolve("stills-8")).prepare(photo, null, "image/heic", "IMG_1034.heic",
                dir.resolve("scratch-8")).path().toFile());
        assertEquals(4032, decoded.getWidth());
        assertEquals(3024, decoded.getHeight());
    }

    @Test
    void aSidewaysIphonePhotoStandsUpright() throws Exception {
        Path photo = HEIF.resolve("iphone-13-pro-max.heic");
        HeifImage image = HeifReader.read(photo);
        assertEquals(8, image.columns());
        assertEquals(6, image.rows());
        assertEquals(List.of(new HeifImage.Rotate(3)), image.transforms());
        BufferedImage decoded = ImageIO.read(stills(dir.resolve("stills-13")).prepare(photo, null, "image/heic", "IMG.HEIC",
                dir.resolve("scratch-13")).path().toFile());
        assertEquals(3024, decoded.getWidth(), "portrait: the kitchen stands upright");
        assertEquals(4032, decoded.getHeight());
    }

    @Test
    void aRealIphonePhotoDecodesUprightAtItsFullSize() throws Exception {
        Path photo = HEIF.resolve("iphone-11-pro-max.heic");
        HeifImage image = HeifReader.read(photo);
        assertTrue(image.isGrid(), "Apple stores its photos as grids of 512×512 tiles");
        StillSource.Decodable d = stills(dir.resolve("stills-b")).prepare(photo, "0".repeat(64), "image/heic", "IMG_5195.HEIC",
                dir.resolve("scratch-b"));
        BufferedImage decoded = ImageIO.read(d.path().toFile());
        boolean quarter = image.transforms().stream().anyMatch(t -> t instanceof HeifImage.Rotate r && r.quarterTurns() % 2 == 1);
        assertEquals(quarter ? image.height() : image.width(), decoded.getWidth());
        assertEquals(quarter ? image.width() : image.height(), decoded.getHeight());
        long modified = Files.getLastModifiedTime(d.path()).toMillis();
        StillSource.Decodable again = stills(dir.resolve("stills-b")).prepare(photo, "0".repeat(64), "image/heic", "IMG_5195.HEIC",
                dir.resolve("scratch-c"));
        assertEquals(d.path(), again.path(), "decoded once per original, shared by every rendition");
        assertEquals(modified, Files.getLastModifiedTime(again.path()).toMillis());
    }

    @Test
    void aTruncatedHeifIsRefusedInWords() throws Exception {
        byte[] whole = Files.readAllBytes(rotatedGrid);
        Path cut = dir.resolve("cut.heic");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 200));
        JobFailure f = assertThrows(JobFailure.class,
                () -> stills(dir.resolve("stills-c")).prepare(cut, null, "image/heic", "cut.heic", dir.resolve("scratch-d")));
        assertTrue(f.getMessage().startsWith("this HEIF file is truncated"), f.getMessage());
    }

    @Test
    void fuzzedHeifsFailWithASentenceNeverACode() throws Exception {
        byte[] whole = Files.readAllBytes(rotatedGrid);
        java.util.Random random = new java.util.Random(42);
        for (int round = 0; round < 60; round++) {
            byte[] fuzzed = whole.clone();
            for (int k = 0; k < 4; k++) {
                // Flip bytes in the structure (the first 400 bytes hold ftyp and meta), where a decoder's parser is tested.
                fuzzed[random.nextInt(400)] ^= (byte) (1 + random.nextInt(255));
            }
            Path f = dir.resolve("fuzz-" + round + ".heic");
            Files.write(f, fuzzed);
            try {
                stills(dir.resolve("stills-f")).prepare(f, null, "image/heic", "fuzz.heic", dir.resolve("scratch-f" + round));
            } catch (JobFailure e) {
                assertTrue(e.getMessage().length() > 30 && e.getMessage().contains("HEIF") || e.getMessage().contains("HEVC"), e.getMessage());
                assertFalse(e.getMessage().matches(".*:\\s*-?\\d+\\s*$"), "a bare code: " + e.getMessage());
            }
        }
    }

    private static double meanDifference(BufferedImage a, BufferedImage b) {
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight(), b.getHeight());
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }
}
