package org.avmam.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.avmam.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A 60-second clip of a long-GOP 1080p source exported by the service (smart cut, clip-master)
 * against raw ffmpeg re-encoding the same range with the same encoder settings, in the same run;
 * and whether the export's first and last frames are the source's frames at the in and out points.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClipExportBenchmark {

    private static final Path WORK = Path.of("target/bench/clip-export").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double IN = 60.4;
    private static final double OUT = 120.4;

    private ServiceProcess server;
    private URI base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final StringBuilder md = new StringBuilder("## Clip export: smart cut against a full re-encode\n\n");

    @BeforeAll
    void start() throws Exception {
        server = BenchmarkReport.startService(WORK, List.of(), Map.of("AVMAM_SPEECH_ENABLED", "false", "AVMAM_PIPELINE_TRANSCODE_WORKERS", "1"));
        base = BenchmarkReport.base(server);
    }

    @AfterAll
    void stop() throws Exception {
        BenchmarkReport.finish(server, "clip-export", md);
    }

    @Test
    void smartCutAgainstFullReencode() throws Exception {
        Path source = WORK.resolve("council-1080p.mp4");
        // Camera-like long GOP: 1080p25 H.264 with grain, B-frames, a keyframe every 2 s, stereo AAC; 3 minutes.
        IngestBenchmark.sh("ffmpeg -nostdin -loglevel error -f lavfi -i testsrc2=size=1920x1080:rate=25:duration=180 -f lavfi -i "
                + "sine=frequency=220:duration=180:sample_rate=48000 -ac 2 -vf noise=alls=12:allf=t -c:v libx264 -preset veryfast -b:v 12M "
                + "-g 50 -bf 3 -pix_fmt yuv420p -c:a aac -b:a 192k -shortest '" + source + "'");
        String asset = JSON.readTree(IngestBenchmark.sh("curl -sf -H 'Authorization: " + ServiceProcess.auth() + "' -F 'file=@" + source + "' "
                + base + "/api/v1/assets")).get("id").asText();
        await("/api/v1/assets/" + asset, a -> a.get("state").asText().equals("READY"));
        String clip = send("POST", "/api/v1/assets/" + asset + "/clips", Map.of("title", "Vote", "in", IN, "out", OUT), 201).get("id").asText();

        long t0 = System.nanoTime();
        send("POST", "/api/v1/clips/" + clip + "/export", Map.of(), 202);
        JsonNode done = await("/api/v1/clips/" + clip + "/export", null);
        double avmam = (System.nanoTime() - t0) / 1e9;
        Path export = WORK.resolve("export.mov");
        Files.write(export, http.send(request("/api/v1/clips/" + clip + "/export").GET().build(), HttpResponse.BodyHandlers.ofByteArray()).body());

        // Raw: the same range re-encoded whole, with the encoder settings the smart cut uses for its re-encoded frames.
        Path raw = WORK.resolve("raw.mov");
        long t1 = System.nanoTime();
        IngestBenchmark.sh("ffmpeg -nostdin -loglevel error -y -ss " + IN + " -i '" + source + "' -t " + (OUT - IN)
                + " -map 0:v:0 -map 0:a:0 -c:v libx264 -preset medium -crf 14 -pix_fmt yuv420p -c:a pcm_s24le '" + raw + "'");
        double reencode = (System.nanoTime() - t1) / 1e9;

        int first = (int) Math.round(IN * 25);
        int last = (int) Math.round(OUT * 25) - 1;
        int frames = Integer.parseInt(IngestBenchmark.sh("ffprobe -v error -ignore_editlist 1 -count_packets -select_streams v:0 -show_entries "
                + "stream=nb_read_packets -of csv=p=0 '" + export + "'").strip());
        double firstPsnr = psnr(export, 0, source, first);
        double firstNeighbour = Math.max(psnr(export, 0, source, first - 1), psnr(export, 0, source, first + 1));
        double lastPsnr = psnr(export, frames - 1, source, last);
        double lastNeighbour = Math.max(psnr(export, frames - 1, source, last - 1), psnr(export, frames - 1, source, last + 1));
        double ratio = avmam / reencode;
        md.append(String.format(Locale.ROOT, "Source: 3 min of 1080p25 H.264 at 12 Mbit/s with grain, B-frames, a keyframe every 2 s, stereo "
                + "AAC. Clip: %.1f–%.1f s (%d frames), `clip-master`. avmam = from `POST /api/v1/clips/{id}/export` to the file being "
                + "ready (`%s`, %s frames re-encoded, the rest copied). Raw = `ffmpeg -ss %.1f -i … -t 60` re-encoding the whole "
                + "range with the same x264 settings (`-preset medium -crf 14`) and PCM sound, run right after.%n%n"
                + "| | avmam smart cut | raw full re-encode | ratio (target ≤ 0.2) |%n|---|---|---|---|%n| time | %.2f s | %.2f s | %.3f |%n%n"
                + "Frame-exactness, read with edit lists ignored: %d frames (%d expected). First frame against source frame %d: PSNR %.1f dB "
                + "(its neighbours at best %.1f dB); last frame against source frame %d: PSNR %.1f dB (neighbours at best %.1f dB).%n",
                IN, OUT, last - first + 1, done.path("method").asText("?"), get("/api/v1/clips/" + clip + "/export?profile=clip-master", true)
                        .path("encodedFrames").asText("?"), IN, avmam, reencode, ratio, frames, last - first + 1, first, firstPsnr, firstNeighbour,
                last, lastPsnr, lastNeighbour));
        assertEquals(last - first + 1, frames);
        assertTrue(firstPsnr > firstNeighbour + 10 && lastPsnr > lastNeighbour + 10, md.toString());
    }

    /** PSNR (luma) of frame {@code a} of one file against frame {@code b} of another, edit lists ignored. */
    private static double psnr(Path fa, int a, Path fb, int b) throws Exception {
        String out = IngestBenchmark.sh("ffmpeg -nostdin -v info -ignore_editlist 1 -i '" + fa + "' -i '" + fb + "' -lavfi '[0:v]select=eq(n\\," + a
                + "),setpts=N[x];[1:v]select=eq(n\\," + b + "),setpts=N[y];[x][y]psnr' -frames:v 1 -f null - 2>&1 | grep -o 'y:[0-9.inf]*' | head -1");
        String v = out.strip().substring(2);
        return v.startsWith("inf") ? 99 : Double.parseDouble(v);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", ServiceProcess.auth());
    }

    private JsonNode send(String method, String path, Object body, int expected) throws Exception {
        HttpResponse<String> r = http.send(request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    /** Polls a path until it answers 200 (and {@code until} holds, when given); fails loudly after ten minutes. */
    private JsonNode await(String path, java.util.function.Predicate<JsonNode> until) throws Exception {
        Instant deadline = Instant.now().plusSeconds(600);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> r = http.send(request(path).header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(r.statusCode() == 200 || r.statusCode() == 202, path + ": " + r.body());
            if (r.statusCode() == 200 && (until == null || until.test(JSON.readTree(r.body())))) {
                return until == null ? get(path + "?profile=clip-master", true) : JSON.readTree(r.body());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("waited ten minutes for " + path + ", in vain");
    }

    /** The export's JSON (POST answers with it; asking again returns the same export). */
    private JsonNode get(String path, boolean viaPost) throws Exception {
        String clipPath = path.replaceAll("\\?.*", "");
        return send("POST", clipPath, Map.of(), 202);
    }
}
