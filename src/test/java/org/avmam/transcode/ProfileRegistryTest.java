package org.avmam.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.avmam.asset.MediaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileRegistryTest {

    @TempDir
    Path dir;

    @Test
    void theThumbnailGoesBeforeThePreview() {
        org.avmam.config.AvmamConfig config = (org.avmam.config.AvmamConfig) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {org.avmam.config.AvmamConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("profilesDir")) {
                        return Path.of("transcode-profiles");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        ProfileRegistry registry = new ProfileRegistry(config);
        registry.load();
        assertEquals(0, registry.imagePriority(registry.get("image-thumbnail").orElseThrow()));
        assertEquals(1, registry.imagePriority(registry.get("image-preview").orElseThrow()));
        assertEquals(0, registry.imagePriority(registry.get("video-proxy-720p").orElseThrow()), "its own queue");
    }

    @Test
    void everyShippedProfileIsValid() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("transcode-profiles"))) {
            List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertTrue(yaml.size() >= 3);
            for (Path p : yaml) {
                TranscodeProfile profile = ProfileRegistry.parse(p);
                assertEquals(p.getFileName().toString(), profile.name() + ".yaml");
            }
        }
    }

    @Test
    void matchesProfilesToAssets() throws Exception {
        TranscodeProfile proxy = ProfileRegistry.parse(Path.of("transcode-profiles/video-proxy-720p.yaml"));
        assertTrue(proxy.appliesTo(MediaType.VIDEO, source(true, false, 640, 360, 10.0)));
        assertTrue(!proxy.appliesTo(MediaType.VIDEO, source(false, true, null, null, 10.0)), "a video without a picture gets no proxy");
        assertTrue(!proxy.appliesTo(MediaType.IMAGE, source(true, false, 640, 360, null)));
        TranscodeProfile preview = ProfileRegistry.parse(Path.of("transcode-profiles/image-preview.yaml"));
        assertTrue(preview.appliesTo(MediaType.IMAGE, source(false, false, 4000, 3000, null)));
        assertTrue(!preview.appliesTo(MediaType.IMAGE, source(false, false, 800, 600, null)), "a small photo needs no preview");
        TranscodeProfile waveform = ProfileRegistry.parse(Path.of("transcode-profiles/audio-waveform.yaml"));
        assertTrue(waveform.appliesTo(MediaType.VIDEO, source(true, true, 640, 360, 10.0)));
        assertTrue(!waveform.appliesTo(MediaType.VIDEO, source(true, false, 640, 360, 10.0)), "no sound, no waveform");
    }

    @Test
    void durationBoundsApply() throws Exception {
        Path p = dir.resolve("long-only.yaml");
        Files.writeString(p, """
                name: long-only
                version: 1
                applies-to: { media-types: [VIDEO], min-duration-seconds: 60, max-duration-seconds: 7200 }
                trigger: on-demand
                output: { kind: filmstrip }
                """);
        TranscodeProfile longOnly = ProfileRegistry.parse(p);
        assertTrue(!longOnly.appliesTo(MediaType.VIDEO, source(true, false, 640, 360, 30.0)));
        assertTrue(longOnly.appliesTo(MediaType.VIDEO, source(true, false, 640, 360, 600.0)));
        assertTrue(!longOnly.appliesTo(MediaType.VIDEO, source(true, false, 640, 360, 9000.0)));
        assertTrue(!longOnly.appliesTo(MediaType.VIDEO, source(true, false, 640, 360, null)), "unknown duration: bounds not met");
    }

    @Test
    void impossibleValuesAreRefusedAtStart() throws Exception {
        assertEquals("q.yaml: field output.quality must be between 1 and 100", invalid("q.yaml", """
                name: q
                version: 1
                applies-to: { media-types: [IMAGE] }
                trigger: on-ingest
                output: { kind: image, formats: [jpg], max-width: 320, max-height: 320, quality: 400 }
                """));
        assertEquals("f.yaml: field output.formats has 'gif'; use jpg, webp or png", invalid("f.yaml", """
                name: f
                version: 1
                applies-to: { media-types: [IMAGE] }
                trigger: on-ingest
                output: { kind: image, formats: [jpg, gif], max-width: 320, max-height: 320 }
                """));
        assertEquals("h.yaml: field output.ladder[1] needs height (64 or more), video-bitrate and max-bitrate", invalid("h.yaml", """
                name: h
                version: 1
                applies-to: { media-types: [VIDEO] }
                trigger: on-demand
                output:
                  kind: hls
                  video-codec: libx264
                  ladder: [{ height: 360, video-bitrate: 800k, max-bitrate: 1200k }, { height: 720 }]
                """));
        assertEquals("g.yaml: missing field(s) output.ladder", invalid("g.yaml", """
                name: g
                version: 1
                applies-to: { media-types: [VIDEO] }
                trigger: on-demand
                output: { kind: hls, video-codec: libx264 }
                """));
    }

    static org.avmam.asset.TechnicalMetadata source(boolean video, boolean audio, Integer w, Integer h, Double seconds) {
        return new org.avmam.asset.TechnicalMetadata("x", seconds, null, w, h, video, audio, List.of(), null, "test");
    }

    @Test
    void unknownFieldIsNamedWithFile() throws Exception {
        String message = invalid("x.yaml", """
                name: x
                version: 1
                applies-to: { media-types: [IMAGE] }
                trigger: on-ingest
                output: { kind: image, formats: [jpg], widht: 3 }
                """);
        assertEquals("x.yaml: unknown field 'widht' at output.widht", message);
    }

    @Test
    void badEnumValueIsNamed() throws Exception {
        String message = invalid("y.yaml", """
                name: y
                version: 1
                applies-to: { media-types: [PHOTO] }
                trigger: on-ingest
                output: { kind: image, formats: [jpg], max-width: 320, max-height: 320 }
                """);
        assertEquals("y.yaml: field applies-to.media-types.[0] has the invalid value 'PHOTO'", message);
    }

    @Test
    void missingFieldsAreListed() throws Exception {
        String message = invalid("z.yaml", """
                name: z
                version: 1
                applies-to: { media-types: [VIDEO] }
                output: { kind: video, container: mp4, extension: mp4 }
                """);
        assertEquals("z.yaml: missing field(s) trigger, output.video-codec", message);
    }

    @Test
    void nameMustMatchTheFileAndVersionIsRequired() throws Exception {
        String base = """
                applies-to: { media-types: [IMAGE] }
                trigger: on-ingest
                output: { kind: image, formats: [jpg], max-width: 320, max-height: 320 }
                """;
        assertEquals("a.yaml: field name is 'b' but the file must be named after it", invalid("a.yaml", "name: b\nversion: 1\n" + base));
        assertEquals("c.yaml: field version must be 1 or more", invalid("c.yaml", "name: c\n" + base));
    }

    @Test
    void aWatermarkIsAPngInsideTheProfilesFolder() throws Exception {
        String profile = """
                name: w
                version: 1
                applies-to: { media-types: [IMAGE] }
                trigger: on-demand
                output: { kind: image, formats: [jpg], max-width: 320, max-height: 320, watermark: %s }
                """;
        assertEquals("w.yaml: field output.watermark names 'missing.png', which is no file in the profiles folder",
                invalid("w.yaml", profile.formatted("missing.png")));
        assertEquals("w.yaml: field output.watermark names '../etc/passwd', which is no file in the profiles folder",
                invalid("w.yaml", profile.formatted("../etc/passwd")));
        Files.writeString(dir.resolve("mark.png"), "not a picture");
        assertEquals("w.yaml: field output.watermark: mark.png is not a PNG", invalid("w.yaml", profile.formatted("mark.png")));
        Files.copy(Path.of("transcode-profiles/watermarks/preview-not-for-broadcast.png"), dir.resolve("mark.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals("mark.png", ProfileRegistry.parse(dir.resolve("w.yaml")).output().watermark());
        assertEquals("w.yaml: field output.watermark is for video and image profiles", invalid("w.yaml", """
                name: w
                version: 1
                applies-to: { media-types: [AUDIO] }
                trigger: on-demand
                output: { kind: audio, container: mp4, extension: m4a, audio-codec: aac, watermark: mark.png }
                """));
    }

    private String invalid(String file, String yaml) throws Exception {
        Path p = dir.resolve(file);
        Files.writeString(p, yaml);
        return assertThrows(ProfileRegistry.InvalidProfileException.class, () -> ProfileRegistry.parse(p)).getMessage();
    }
}
