package org.avmam.transcode;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.avmam.asset.Asset;
import org.avmam.asset.MediaType;
import org.avmam.asset.TechnicalMetadata;
import org.avmam.common.FileTrees;
import org.avmam.config.AvmamConfig;
import org.avmam.jobs.Job;
import org.avmam.metadata.DecodeOutputs;

/**
 * A JPEG's grid thumbnail, made by the ffmpeg run that validates the photo on ingest: one decode
 * instead of two, no render job of its own, and the thumbnail ready as soon as the photo is
 * probed. It is the smallest on-ingest image profile (the one the grid shows, first on the image
 * queue anyway), unless it carries a watermark. When the run cannot make it, the pipeline queues
 * its render job as for any other profile ({@link RenderQueue#enqueueUnlessCurrent}).
 */
@ApplicationScoped
public class ThumbnailFromValidation implements DecodeOutputs {

    private final ProfileRegistry profiles;
    private final RenderHandler renders;
    private final AvmamConfig config;

    public ThumbnailFromValidation(ProfileRegistry profiles, RenderHandler renders, AvmamConfig config) {
        this.profiles = profiles;
        this.renders = renders;
        this.config = config;
    }

    @Override
    public Optional<Plan> plan(Job probe, Asset asset, TechnicalMetadata technical) throws IOException {
        if (!"image/jpeg".equals(asset.mimeType)) {
            return Optional.empty(); // the only still the validation decodes
        }
        Optional<TranscodeProfile> thumbnail = profiles.onIngest(MediaType.IMAGE, technical).stream()
                .filter(p -> p.output().kind() == TranscodeProfile.Kind.IMAGE && p.output().watermark() == null)
                .filter(p -> profiles.imagePriority(p) == 0)
                .findFirst();
        if (thumbnail.isEmpty()) {
            return Optional.empty();
        }
        TranscodeProfile profile = thumbnail.get();
        Path parent = config.dataDir().resolve(RenderHandler.relativePath(asset, profile)).getParent();
        Files.createDirectories(parent);
        renders.removeStale(parent, profile.name(), probe);
        Path temp = Files.createDirectories(parent.resolve(profile.name() + ".part-" + probe.id + "-" + probe.attempts));
        FfmpegCommands.Source source = new FfmpegCommands.Source(technical, true, null);
        return Optional.of(new Thumbnail(probe, asset, profile, source, temp));
    }

    private final class Thumbnail implements Plan {

        private final Job probe;
        private final Asset asset;
        private final TranscodeProfile profile;
        private final FfmpegCommands.Source source;
        private final Path temp;

        Thumbnail(Job probe, Asset asset, TranscodeProfile profile, FfmpegCommands.Source source, Path temp) {
            this.probe = probe;
            this.asset = asset;
            this.profile = profile;
            this.source = source;
            this.temp = temp;
        }

        @Override
        public List<String> inputOptions() {
            return FfmpegCommands.imageInputOptions(profile, source);
        }

        @Override
        public List<String> outputs() {
            return FfmpegCommands.imageOutputs(profile, source, false);
        }

        @Override
        public Path dir() {
            return temp;
        }

        @Override
        public Optional<String> keep(long elapsedNanos) throws IOException {
            for (String f : profile.imageFiles()) {
                Path file = temp.resolve(f);
                if (!Files.isRegularFile(file) || Files.size(file) == 0) {
                    return Optional.empty();
                }
            }
            renders.keep(asset, profile, temp, new Renderer.Result(null, Renderer.files(temp), null), probe, elapsedNanos);
            return Optional.of("rendition " + profile.name() + " v" + profile.version() + ", from the validation's decode");
        }

        @Override
        public void close() throws IOException {
            FileTrees.delete(temp); // gone already when kept
        }
    }
}
