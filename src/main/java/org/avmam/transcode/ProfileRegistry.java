package org.avmam.transcode;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.avmam.asset.MediaType;
import org.avmam.config.AvmamConfig;
import org.jboss.logging.Logger;

/**
 * The transcode profiles, loaded and validated once at start. A bad profile stops the service
 * with an error naming the file and the field: better than renditions silently missing.
 */
@Startup
@ApplicationScoped
public class ProfileRegistry implements org.avmam.ffmpeg.FfmpegNeeds {

    private static final Logger LOG = Logger.getLogger(ProfileRegistry.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS);

    private final Path dir;
    private final Map<String, TranscodeProfile> profiles = new TreeMap<>();

    public ProfileRegistry(AvmamConfig config) {
        this.dir = config.profilesDir();
    }

    @PostConstruct
    void load() {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("avmam.profiles-dir (AVMAM_PROFILES_DIR) points to " + dir.toAbsolutePath()
                    + ", which is not a folder of transcode profiles");
        }
        List<String> errors = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try {
                    TranscodeProfile p = parse(f);
                    if (profiles.putIfAbsent(p.name(), p) != null) {
                        errors.add(f.getFileName() + ": name '" + p.name() + "' is used by another profile");
                    }
                } catch (InvalidProfileException e) {
                    errors.add(e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read transcode profiles in " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("invalid transcode profiles in " + dir.toAbsolutePath() + ":\n  "
                    + String.join("\n  ", errors));
        }
        LOG.infof("Transcode profiles: %s", profiles.values().stream()
                .map(p -> p.name() + " v" + p.version()).collect(Collectors.joining(", ")));
    }

    /** Every encoder some profile needs: the ffmpeg chosen at start must have them all. */
    @Override
    public java.util.Set<String> encoders() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        profiles.values().forEach(p -> out.addAll(p.encodersNeeded()));
        return out;
    }

    public Collection<TranscodeProfile> all() {
        return profiles.values();
    }

    /**
     * 0 for the smallest image profile (the one a grid shows), 1 for every larger one: thumbnails
     * before previews on the IMAGE queue. Not an image profile: 0.
     */
    public int imagePriority(TranscodeProfile p) {
        if (p.output().kind() != TranscodeProfile.Kind.IMAGE) {
            return 0;
        }
        int smallest = profiles.values().stream().filter(x -> x.output().kind() == TranscodeProfile.Kind.IMAGE)
                .mapToInt(x -> x.output().maxWidth() == null ? Integer.MAX_VALUE : x.output().maxWidth()).min().orElse(0);
        int mine = p.output().maxWidth() == null ? Integer.MAX_VALUE : p.output().maxWidth();
        return mine <= smallest ? 0 : 1;
    }

    public Optional<TranscodeProfile> get(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    /** The profiles that run at ingest for an asset of this kind. */
    public List<TranscodeProfile> onIngest(MediaType mediaType, org.avmam.asset.TechnicalMetadata source) {
        return profiles.values().stream()
                .filter(p -> p.trigger() == TranscodeProfile.Trigger.ON_INGEST)
                .filter(p -> p.appliesTo(mediaType, source))
                .toList();
    }

    /** Parses and validates one profile file. */
    public static TranscodeProfile parse(Path file) throws InvalidProfileException {
        String fileName = file.getFileName().toString();
        TranscodeProfile p;
        try {
            p = YAML.readValue(file.toFile(), TranscodeProfile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidProfileException(fileName + ": unknown field '" + e.getPropertyName() + "' at " + path(e));
        } catch (InvalidFormatException e) {
            throw new InvalidProfileException(fileName + ": field " + path(e) + " has the invalid value '" + e.getValue() + "'");
        } catch (JsonMappingException e) {
            throw new InvalidProfileException(fileName + ": field " + path(e) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidProfileException(fileName + ": not valid YAML: " + e.getMessage());
        }
        if (p == null) {
            throw new InvalidProfileException(fileName + ": the file is empty");
        }
        List<String> missing = new ArrayList<>();
        require(p.name(), "name", missing);
        require(p.appliesTo(), "applies-to", missing);
        require(p.trigger(), "trigger", missing);
        require(p.output(), "output", missing);
        if (p.output() != null) {
            TranscodeProfile.Output o = p.output();
            require(o.kind(), "output.kind", missing);
            if (o.kind() != null) {
                switch (o.kind()) {
                    case IMAGE -> {
                        require(o.maxWidth(), "output.max-width", missing);
                        require(o.maxHeight(), "output.max-height", missing);
                        require(o.formats() != null && !o.formats().isEmpty() ? o.formats() : o.extension(), "output.formats", missing);
                    }
                    case POSTER -> require(o.container(), "output.container", missing);
                    case VIDEO -> {
                        require(o.container(), "output.container", missing);
                        require(o.extension(), "output.extension", missing);
                        require(o.videoCodec(), "output.video-codec", missing);
                    }
                    case HLS -> {
                        require(o.videoCodec(), "output.video-codec", missing);
                        require(o.ladder() == null || o.ladder().isEmpty() ? null : o.ladder(), "output.ladder", missing);
                    }
                    case AUDIO -> {
                        require(o.container(), "output.container", missing);
                        require(o.extension(), "output.extension", missing);
                        require(o.audioCodec(), "output.audio-codec", missing);
                    }
                    case CLIP -> {
                        require(o.container(), "output.container", missing);
                        require(o.extension(), "output.extension", missing);
                        require(o.videoCodec(), "output.video-codec", missing);
                        require(o.audioCodec(), "output.audio-codec", missing);
                        if (TranscodeProfile.SOURCE_CODEC.equals(o.videoCodec())) {
                            require(o.fallbackVideoCodec(), "output.fallback-video-codec", missing);
                        }
                    }
                    case FILMSTRIP, WAVEFORM -> {
                        // sensible defaults for every field
                    }
                }
            }
        }
        if (p.appliesTo() != null && (p.appliesTo().mediaTypes() == null || p.appliesTo().mediaTypes().isEmpty())) {
            missing.add("applies-to.media-types");
        }
        if (!missing.isEmpty()) {
            throw new InvalidProfileException(fileName + ": missing field(s) " + String.join(", ", missing));
        }
        if (!fileName.equals(p.name() + ".yaml")) {
            throw new InvalidProfileException(fileName + ": field name is '" + p.name() + "' but the file must be named after it");
        }
        if (p.version() < 1) {
            throw new InvalidProfileException(fileName + ": field version must be 1 or more");
        }
        if (!p.name().matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new InvalidProfileException(fileName + ": field name must be lower-case letters, digits and dashes");
        }
        checkValues(fileName, p.output());
        checkWatermark(file, p.output());
        if (p.output().kind() == TranscodeProfile.Kind.CLIP && p.trigger() != TranscodeProfile.Trigger.ON_DEMAND) {
            throw new InvalidProfileException(fileName + ": a clip profile is made when a clip is exported: trigger must be on-demand");
        }
        return p;
    }

    private static final java.util.Set<String> IMAGE_FORMATS = java.util.Set.of("jpg", "webp", "png");

    /** Values that parse but cannot work: caught at start instead of at the first render. */
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** A watermark is a PNG inside the profiles folder, laid over video or still pictures made in software. */
    private static void checkWatermark(Path file, TranscodeProfile.Output o) throws InvalidProfileException {
        if (o.watermark() == null) {
            return;
        }
        String fileName = file.getFileName().toString();
        if (o.kind() != TranscodeProfile.Kind.VIDEO && o.kind() != TranscodeProfile.Kind.IMAGE) {
            throw new InvalidProfileException(fileName + ": field output.watermark is for video and image profiles");
        }
        if (o.hardwareCodecs() != null && !o.hardwareCodecs().isEmpty()) {
            throw new InvalidProfileException(fileName + ": a watermarked profile is encoded in software; drop output.hardware-codecs");
        }
        Path folder = file.toAbsolutePath().getParent().normalize();
        Path mark = folder.resolve(o.watermark()).normalize();
        if (!mark.startsWith(folder) || !Files.isRegularFile(mark)) {
            throw new InvalidProfileException(fileName + ": field output.watermark names '" + o.watermark()
                    + "', which is no file in the profiles folder");
        }
        try (java.io.InputStream in = Files.newInputStream(mark)) {
            if (!java.util.Arrays.equals(in.readNBytes(8), PNG_SIGNATURE)) {
                throw new InvalidProfileException(fileName + ": field output.watermark: " + o.watermark() + " is not a PNG");
            }
        } catch (IOException e) {
            throw new InvalidProfileException(fileName + ": field output.watermark: cannot read " + o.watermark() + ": " + e.getMessage());
        }
    }

    /** The watermark file of a profile, or null when it has none. */
    public Path watermark(TranscodeProfile p) {
        return p.output().watermark() == null ? null : dir.resolve(p.output().watermark()).toAbsolutePath().normalize();
    }

    private static void checkValues(String fileName, TranscodeProfile.Output o) throws InvalidProfileException {
        if (o.quality() != null && (o.quality() < 1 || o.quality() > 100)) {
            throw new InvalidProfileException(fileName + ": field output.quality must be between 1 and 100");
        }
        if (o.kind() == TranscodeProfile.Kind.IMAGE) {
            for (String f : o.formats() == null ? List.of(o.extension()) : o.formats()) {
                if (!IMAGE_FORMATS.contains(f)) {
                    throw new InvalidProfileException(fileName + ": field output.formats has '" + f + "'; use jpg, webp or png");
                }
            }
        }
        if (o.gopSeconds() != null && o.gopSeconds() <= 0) {
            throw new InvalidProfileException(fileName + ": field output.gop-seconds must be more than 0");
        }
        if (o.gopFrames() != null && o.gopFrames() < 1) {
            throw new InvalidProfileException(fileName + ": field output.gop-frames must be 1 or more");
        }
        if (o.ladder() != null) {
            for (int i = 0; i < o.ladder().size(); i++) {
                TranscodeProfile.Rung r = o.ladder().get(i);
                if (r.height() < 64 || r.videoBitrate() == null || r.maxBitrate() == null) {
                    throw new InvalidProfileException(fileName + ": field output.ladder[" + i
                            + "] needs height (64 or more), video-bitrate and max-bitrate");
                }
            }
        }
        for (Integer v : java.util.Arrays.asList(o.maxWidth(), o.maxHeight(), o.tileWidth(), o.columns(), o.maxTiles(),
                o.peaksPerSecond(), o.imageWidth(), o.imageHeight())) {
            if (v != null && v < 1) {
                throw new InvalidProfileException(fileName + ": sizes and counts in output must be 1 or more");
            }
        }
    }

    private static void require(Object value, String field, List<String> missing) {
        if (value == null) {
            missing.add(field);
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    public static class InvalidProfileException extends Exception {
        public InvalidProfileException(String message) {
            super(message);
        }
    }
}
