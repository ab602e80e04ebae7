package org.avmam.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure planning behind HLS ladders, filmstrips and download names. */
class RenditionLayoutTest {

    private static final List<TranscodeProfile.Rung> LADDER = List.of(
            new TranscodeProfile.Rung(1080, "5000k", "7500k", "160k"),
            new TranscodeProfile.Rung(360, "800k", "1200k", "96k"),
            new TranscodeProfile.Rung(720, "2800k", "4200k", "128k"));

    @Test
    void ladderNeverUpscalesAndKeepsTheAspectRatio() {
        assertEquals(List.of(640, 360, 1280, 720, 1920, 1080), sizes(HlsLadder.plan(LADDER, new int[] {3840, 2160})));
        assertEquals(List.of(640, 360), sizes(HlsLadder.plan(LADDER, new int[] {854, 480})));
        assertEquals(List.of(426, 240), sizes(HlsLadder.plan(LADDER, new int[] {426, 240})), "a tiny source still gets one rung");
        assertEquals(List.of(360, 640, 720, 1280, 1080, 1920), sizes(HlsLadder.plan(LADDER, new int[] {1080, 1920})),
                "portrait phone video: the rung is the shorter side");
        assertEquals(List.of(480, 360), sizes(HlsLadder.plan(LADDER, new int[] {640, 480})));
        assertThrows(IllegalArgumentException.class, () -> HlsLadder.plan(LADDER, null));
    }

    private static List<Integer> sizes(List<HlsLadder.Variant> vs) {
        return vs.stream().flatMap(v -> java.util.stream.Stream.of(v.width(), v.height())).toList();
    }

    @Test
    void filmstripCuesPointAtTheirTiles() {
        TranscodeProfile.Output o = output(5.0, 200, 160, 3);
        Filmstrip plan = Filmstrip.plan(o, 12.5, new int[] {1280, 720});
        assertEquals(3, plan.tiles());
        assertEquals("select='gte(t\\,5.000*selected_n)',scale=160:90,tile=3x1", plan.filter());
        assertEquals("""
                WEBVTT

                00:00:00.000 --> 00:00:05.000
                filmstrip.jpg#xywh=0,0,160,90

                00:00:05.000 --> 00:00:10.000
                filmstrip.jpg#xywh=160,0,160,90

                00:00:10.000 --> 00:00:12.500
                filmstrip.jpg#xywh=320,0,160,90
                """, plan.vtt("filmstrip.jpg"));
    }

    @Test
    void longVideosStretchTheIntervalToStayWithinTheTileLimit() {
        Filmstrip twoHours = Filmstrip.plan(output(5.0, 200, 160, 10), 7200.0, new int[] {720, 576});
        assertEquals(36.0, twoHours.interval(), 1e-9);
        assertEquals(200, twoHours.tiles());
        assertEquals(20, twoHours.rows());
        assertEquals(128, twoHours.tileHeight(), "PAL 5:4 storage aspect");
        assertEquals("01:59:24.000 --> 02:00:00.000", twoHours.vtt("s.jpg").lines().filter(l -> l.contains("-->"))
                .reduce((a, b) -> b).orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> Filmstrip.plan(output(5.0, 200, 160, 10), null, new int[] {1, 1}));
    }

    @Test
    void downloadNamesKeepTheOriginalName() {
        org.avmam.asset.Asset a = new org.avmam.asset.Asset();
        a.id = java.util.UUID.randomUUID();
        a.originalFilename = "2024年 市政会议.MOV";
        assertEquals("2024年 市政会议-video-proxy-720p.mp4", RenditionService.downloadName(a, "video-proxy-720p", "video-proxy-720p.mp4"));
        assertEquals("2024年 市政会议-video-hls-v0-seg00001.m4s", RenditionService.downloadName(a, "video-hls", "v0/seg00001.m4s"));
    }

    @Test
    void contentDispositionCarriesTheUtf8Name() {
        assertEquals("attachment; filename=\"2024_ ____.mp4\"; filename*=UTF-8''2024%E5%B9%B4%20%E5%B8%82%E6%94%BF%E4%BC%9A%E8%AE%AE.mp4",
                ContentDisposition.attachment("2024年 市政会议.mp4"));
        assertEquals("attachment; filename=\"a_b_c.jpg\"; filename*=UTF-8''a%22b%5Cc.jpg", ContentDisposition.attachment("a\"b\\c.jpg"));
        assertEquals("attachment; filename=\"download\"; filename*=UTF-8''download", ContentDisposition.attachment(" "));
    }

    @Test
    void contentTypes() {
        assertEquals("application/vnd.apple.mpegurl", ContentTypes.of("v0/index.m3u8"));
        assertEquals("video/iso.segment", ContentTypes.of("v0/seg00000.m4s"));
        assertEquals("text/vtt; charset=utf-8", ContentTypes.of("thumbnails.vtt"));
        assertEquals("image/webp", ContentTypes.of("image-thumbnail.webp"));
        assertEquals("application/octet-stream", ContentTypes.of("README"));
    }

    private static TranscodeProfile.Output output(Double interval, Integer maxTiles, Integer tileWidth, Integer columns) {
        return new TranscodeProfile.Output(TranscodeProfile.Kind.FILMSTRIP, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                interval, maxTiles, tileWidth, columns, null, null, null, null, null, null);
    }
}
