package org.avmam.ffmpeg;

import java.util.Set;

/**
 * What a feature needs of ffmpeg, so that the ffmpeg chosen at start has it (the transcode
 * profiles name their encoders). Beans of this type are collected by {@link FfmpegTools}.
 */
public interface FfmpegNeeds {

    /** Encoders that must be present (hardware encoders fall back, so they are not needs). */
    Set<String> encoders();
}
