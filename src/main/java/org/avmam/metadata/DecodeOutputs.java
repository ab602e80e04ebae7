package org.avmam.metadata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.avmam.asset.Asset;
import org.avmam.asset.TechnicalMetadata;
import org.avmam.jobs.Job;

/**
 * Renditions made by the decode that validates a JPEG on ingest. The validation reads every
 * byte of the photo's entropy data anyway; its grid thumbnail needs the same decode, so a shoot's
 * photos are decoded once for both, and the thumbnail is there as soon as the photo is probed.
 * Implemented where renditions are made; with no implementation the validation decodes alone.
 */
public interface DecodeOutputs {

    /** What may be made from the validation decode of this JPEG; empty when nothing is. */
    Optional<Plan> plan(Job probe, Asset asset, TechnicalMetadata technical) throws IOException;

    /** One rendition's part of the ffmpeg run. Closing it without {@link #keep} throws its files away. */
    interface Plan extends AutoCloseable {

        /** Input options in place of the validation's own (the reduced decode the rendition allows). */
        List<String> inputOptions();

        /** Output arguments after the input; the files they name are relative to {@link #dir()}. */
        List<String> outputs();

        /** The folder ffmpeg runs in and writes into. */
        Path dir();

        /**
         * Keeps what ffmpeg wrote as the rendition, when it wrote every file.
         *
         * @return a description of the rendition for its PREMIS event, or empty when the files are
         *         incomplete and the rendition is left to its own render job
         */
        Optional<String> keep(long elapsedNanos) throws IOException;

        @Override
        void close() throws IOException;
    }
}
