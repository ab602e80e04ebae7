package org.avmam.transcode.heif;

import java.util.List;

/**
 * The primary image of a HEIF file as ffmpeg's HEVC decoder can take it: tiles in raster order,
 * each as an Annex-B stream (parameter sets then its slices), the grid's layout, the picture's
 * size and the transformations to apply after decoding, in the order the file lists them.
 */
public record HeifImage(int columns, int rows, int width, int height, List<byte[]> tiles, List<Transform> transforms) {

    /** A transformative property: {@code irot} (anticlockwise quarter turns) or {@code imir} (mirror axis). */
    public sealed interface Transform {}

    /** {@code irot}: rotate anticlockwise by {@code quarterTurns} × 90°. */
    public record Rotate(int quarterTurns) implements Transform {}

    /** {@code imir}: {@code horizontalAxis} flips top and bottom, otherwise left and right. */
    public record Mirror(boolean horizontalAxis) implements Transform {}

    public boolean isGrid() {
        return columns * rows > 1;
    }
}
