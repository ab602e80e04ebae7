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
        assertTrue(proxy.appliesTo(MediaType.VIDEO, true, false));
        assertTrue(!proxy.appliesTo(MediaType.VIDEO, false, true), "a video without a picture gets no proxy");
        assertTrue(!proxy.appliesTo(MediaType.IMAGE, true, false));
    }

    @Test
    void unknownFieldIsNamedWithFile() throws Exception {
        String message = invalid("x.yaml", """
                name: x
                version: 1
                applies-to: { media-types: [IMAGE] }
                trigger: on-ingest
                output: { kind: image, container: image2, extension: jpg, content-type: image/jpeg, widht: 3 }
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
                output: { kind: image, container: image2, extension: jpg, content-type: image/jpeg }
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
        assertEquals("z.yaml: missing field(s) trigger, output.content-type, output.video-codec", message);
    }

    @Test
    void nameMustMatchTheFileAndVersionIsRequired() throws Exception {
        String base = """
                applies-to: { media-types: [IMAGE] }
                trigger: on-ingest
                output: { kind: image, container: image2, extension: jpg, content-type: image/jpeg }
                """;
        assertEquals("a.yaml: field name is 'b' but the file must be named after it", invalid("a.yaml", "name: b\nversion: 1\n" + base));
        assertEquals("c.yaml: field version must be 1 or more", invalid("c.yaml", "name: c\n" + base));
    }

    private String invalid(String file, String yaml) throws Exception {
        Path p = dir.resolve(file);
        Files.writeString(p, yaml);
        return assertThrows(ProfileRegistry.InvalidProfileException.class, () -> ProfileRegistry.parse(p)).getMessage();
    }
}
