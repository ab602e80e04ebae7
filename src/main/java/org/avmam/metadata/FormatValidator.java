package org.avmam.metadata;

import org.avmam.asset.TechnicalMetadata;
import org.avmam.asset.ImageMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.avmam.asset.MediaType;
import org.avmam.jobs.JobFailure;
import org.avmam.process.FfmpegInput;
import org.avmam.process.ProcessRunner;
import org.avmam.ffmpeg.FfmpegTools;

/**
 * Validation of an original on ingest, as an archive validates formats: is it well-formed, is it
 * complete? A JPEG's segment structure is walked to its EOI and its entropy data decoded (at an
 * eighth of its size, which still reads every Huffman code); an audio or video file is demuxed
 * to its end and the length that holds packets compared with what its header states. Damage is
 * named; only a file with nothing usable left fails.
 */
@ApplicationScoped
public class FormatValidator {

    /** A recording may fall short of its header by this much before it is called cut off (rounding, a last partial GOP). */
    static final double SHORTFALL_SECONDS = 1.0;
    static final double SHORTFALL_SHARE = 0.02;

    public record Validation(List<String> problems, boolean usable, String tool) {
        public boolean sound() {
            return problems.isEmpty();
        }
    }

    private final FfmpegTools ffmpeg;
    private final ProcessRunner runner;
    private final long maxPixels;

    public FormatValidator(FfmpegTools ffmpeg, ProcessRunner runner, org.avmam.config.AvmamConfig config) {
        this.ffmpeg = ffmpeg;
        this.runner = runner;
        this.maxPixels = config.ffmpeg().maxPixels();
    }

    public Validation validate(Path original, String mimeType, MediaType type, TechnicalMetadata md)
            throws IOException, InterruptedException {
        return validate(original, mimeType, type, md, java.util.Optional.empty());
    }

    /**
     * As above; a JPEG's decode also writes the outputs of {@code outputs}, when given. Should
     * that run fail, the JPEG is decoded again on its own, so a rendition's trouble is never taken
     * for damage in the photo.
     */
    public Validation validate(Path original, String mimeType, MediaType type, TechnicalMetadata md,
            java.util.Optional<DecodeOutputs.Plan> outputs) throws IOException, InterruptedException {
        if (type == MediaType.IMAGE) {
            if (!"image/jpeg".equals(mimeType)) {
                return new Validation(List.of(), true, "avmam");
            }
            List<String> problems = new ArrayList<>(jpegStructure(original));
            if (md != null && md.width() != null && md.height() != null && (long) md.width() * md.height() > maxPixels) {
                return new Validation(problems, true, "avmam JPEG structure"); // not decoded: over avmam.ffmpeg.max-pixels
            }
            Path file = original.toAbsolutePath(); // ffmpeg may run in the rendition's folder
            Decoded d = null;
            if (outputs.isPresent()) {
                DecodeOutputs.Plan plan = outputs.get();
                ProcessRunner.Result r = runner.run(decodeCommand(file, plan.inputOptions(), plan.outputs()), Duration.ofMinutes(2),
                        plan.dir());
                if (r.ok()) {
                    d = parse(r, file);
                } else {
                    org.avmam.common.FileTrees.clear(plan.dir()); // nothing half-written is kept as a rendition
                }
            }
            if (d == null) {
                d = parse(runner.run(decodeCommand(file, List.of("-lowres", "3"), List.of("-f", "null", "-")), Duration.ofMinutes(2)),
                        file);
            }
            problems.addAll(d.errors());
            if (problems.isEmpty() && d.frames() == 0) {
                // Arithmetic coding, say: sound, but not for this ffmpeg. Its renditions will say so.
                problems.add("ffmpeg " + ffmpeg.version() + " cannot decode this JPEG, though its structure is sound");
            }
            // A photo is never failed here: its metadata is a record even when no pixel survives, and each rendition
            // that cannot be made says why.
            return new Validation(dedupe(problems), true, "avmam JPEG structure; ffmpeg " + ffmpeg.version());
        }
        Decoded d = demux(original, md == null ? null : md.container(), md);
        List<String> problems = new ArrayList<>(d.errors());
        Double stated = md == null ? null : md.durationSeconds();
        if (stated != null && stated > 0 && d.seconds() >= 0) {
            double shortfall = stated - d.seconds();
            if (shortfall > Math.max(SHORTFALL_SECONDS, stated * SHORTFALL_SHARE)) {
                problems.add(0, String.format(java.util.Locale.ROOT,
                        "cut off: media runs to %.1f s of the %.1f s its header states (the file is incomplete)", d.seconds(), stated));
            }
        }
        return new Validation(dedupe(problems), d.frames() > 0 || d.seconds() > 0, "ffmpeg " + ffmpeg.version());
    }

    /** What a pass over the file read: frames or packets, the last time reached, and the errors ffmpeg reported. */
    record Decoded(long frames, double seconds, List<String> errors) {}

    /** A JPEG decoded in full, its progress on stdout and its errors on stderr. */
    private List<String> decodeCommand(Path file, List<String> inputOptions, List<String> outputs) {
        List<String> cmd = new ArrayList<>(List.of(ffmpeg.ffmpeg().toString(), "-hide_banner", "-nostdin", "-y", "-v", "error",
                "-progress", "pipe:1", "-nostats"));
        cmd.addAll(inputOptions);
        cmd.addAll(FfmpegInput.args(file, "jpeg_pipe"));
        cmd.addAll(outputs);
        return cmd;
    }

    private Decoded demux(Path file, String container, TechnicalMetadata md) throws IOException, InterruptedException {
        // Stream copy reads every packet without decoding: the cost of reading the file once.
        List<String> cmd = new ArrayList<>(List.of(ffmpeg.ffmpeg().toString(), "-hide_banner", "-nostdin", "-v", "error",
                "-progress", "pipe:1", "-nostats"));
        cmd.addAll(FfmpegInput.args(file, container));
        cmd.addAll(List.of("-map", "0:v?", "-map", "0:a?", "-c", "copy", "-f", "null", "-"));
        double seconds = md == null || md.durationSeconds() == null ? 0 : md.durationSeconds();
        long size = Files.size(file);
        // At least a minute, plus a minute per 2 GB: demuxing is bound by reading the file.
        Duration timeout = Duration.ofMinutes(1 + size / (2L << 30)).plusSeconds((long) (seconds / 10));
        return parse(runner.run(cmd, timeout), file);
    }

    static Decoded parse(ProcessRunner.Result r, Path file) {
        long frames = 0;
        double seconds = -1;
        for (String line : r.stdout().lines().toList()) {
            if (line.startsWith("frame=")) {
                frames = Math.max(frames, parseLong(line.substring(6)));
            } else if (line.startsWith("out_time_us=")) {
                long us = parseLong(line.substring(12));
                if (us > 0) {
                    seconds = Math.max(seconds, us / 1e6);
                }
            }
        }
        List<String> errors = new ArrayList<>();
        for (String line : r.stderrTail().lines().toList()) {
            String l = line.strip().replaceFirst("^\\[[^]]+ @ 0x[0-9a-f]+\\] ", "").replace("file:" + file, "the file");
            if (!l.isEmpty() && errors.size() < 5) {
                errors.add("ffmpeg: " + l);
            }
        }
        if (!r.ok() && errors.isEmpty()) {
            errors.add("ffmpeg could not read the file to its end (exit code " + r.exitCode() + ")");
        }
        return new Decoded(frames, seconds, errors);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * A JPEG's segments walked from SOI: a frame header, a scan, and entropy-coded data that ends
     * at an EOI. Returns what is wrong, in words; empty for a well-formed file.
     */
    static List<String> jpegStructure(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                return List.of();
            }
            MappedByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return jpegStructure(b, (int) size);
        }
    }

    private static final int SCAN_CHUNK = 64 * 1024;

    static List<String> jpegStructure(java.nio.ByteBuffer b, int limit) {
        List<String> out = new ArrayList<>();
        if (limit < 4 || (b.get(0) & 0xff) != 0xff || (b.get(1) & 0xff) != 0xd8) {
            out.add("not a JPEG: it does not begin with the SOI marker");
            return out;
        }
        int p = 2;
        byte[] chunk = new byte[Math.min(SCAN_CHUNK, limit)];
        boolean frame = false;
        boolean scan = false;
        int expectedRestart = 0;
        while (p + 2 <= limit) {
            if ((b.get(p) & 0xff) != 0xff) {
                out.add("damaged: bytes at offset " + p + " are neither a marker nor scan data");
                return out;
            }
            int marker = b.get(p + 1) & 0xff;
            if (marker == 0xff) {
                p++;
                continue;
            }
            if (marker == 0xd9) {
                if (!scan) {
                    out.add("incomplete: the JPEG ends (EOI) before any image data");
                }
                return out;
            }
            if (p + 4 > limit) {
                break;
            }
            int len = ((b.get(p + 2) & 0xff) << 8) | (b.get(p + 3) & 0xff);
            if (len < 2 || p + 2 + len > limit) {
                out.add("cut off: a segment at offset " + p + " claims " + len + " bytes, past the end of the file");
                return out;
            }
            if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc) {
                frame = true;
            }
            p += 2 + len;
            if (marker == 0xda) {
                if (!frame) {
                    out.add("damaged: a scan begins before any frame header");
                }
                scan = true;
                expectedRestart = 0;
                // The scan data is nearly all of the file: read it in chunks into an array, where the loop runs without a
                // buffer's bounds check per byte. A chunk's last byte is read again as the next chunk's first, with its successor.
                scanData:
                while (p + 1 < limit) {
                    int n = Math.min(chunk.length, limit - p);
                    b.get(p, chunk, 0, n);
                    int i = 0;
                    for (; i + 1 < n; i++) {
                        if (chunk[i] != (byte) 0xff) {
                            continue;
                        }
                        int next = chunk[i + 1] & 0xff;
                        if (next >= 0xd0 && next <= 0xd7) {
                            if (next - 0xd0 != expectedRestart) {
                                out.add("damaged entropy data: restart marker RST" + (next - 0xd0) + " at offset " + (p + i)
                                        + " where RST" + expectedRestart + " was due (data lost or out of order)");
                            }
                            expectedRestart = (next - 0xd0 + 1) % 8;
                        } else if (next != 0x00 && next != 0xff) {
                            p += i;
                            break scanData;
                        }
                    }
                    p += i;
                }
                if (p + 1 >= limit) {
                    break;
                }
            }
        }
        out.add("cut off: the JPEG has no end-of-image (EOI) marker" + (scan ? ", so its image data is incomplete" : ""));
        return out;
    }

    private static List<String> dedupe(List<String> problems) {
        Set<String> seen = new LinkedHashSet<>(problems);
        return List.copyOf(seen);
    }

    /** Nothing usable is left of the file: the asset fails with the reasons. */
    public static JobFailure unusable(Validation v) {
        return new JobFailure("the file is damaged beyond use: " + String.join("; ", v.problems()));
    }
}
