package org.avmam.transcode;

import java.util.Locale;

/**
 * The layout of a filmstrip sprite: one tile every {@code interval} seconds (stretched so a long
 * video still fits in {@code maxTiles}), {@code columns} tiles a row, each tile the source's
 * displayed aspect ratio. The WebVTT track is computed from the same plan, so cue and tile agree.
 */
public record Filmstrip(double interval, int tiles, int columns, int rows, int tileWidth, int tileHeight, double duration) {

    public static Filmstrip plan(TranscodeProfile.Output o, Double duration, int[] display) {
        if (duration == null || duration <= 0) {
            throw new IllegalArgumentException("the source's duration is unknown, so no filmstrip can be planned");
        }
        if (display == null) {
            throw new IllegalArgumentException("the source's picture size is unknown, so no filmstrip can be planned");
        }
        double interval = Math.max(o.intervalSeconds() == null ? 5 : o.intervalSeconds(),
                duration / (o.maxTiles() == null ? 200 : o.maxTiles()));
        int tiles = Math.max(1, (int) Math.ceil(duration / interval - 1e-9));
        int columns = Math.min(o.columns() == null ? 10 : o.columns(), tiles);
        int rows = (tiles + columns - 1) / columns;
        int tw = o.tileWidth() == null ? 160 : o.tileWidth();
        int th = HlsLadder.even((double) tw * display[1] / display[0]);
        return new Filmstrip(interval, tiles, columns, rows, tw, th, duration);
    }

    /**
     * ffmpeg filter: the first frame at or after each multiple of the interval, scaled to a tile,
     * laid out in a grid. (The fps filter would be the obvious choice, but it drops the only frame
     * of a clip shorter than one interval.)
     */
    public String filter() {
        return "select='gte(t\\," + FfmpegCommands.seconds(interval) + "*selected_n)',scale=" + tileWidth + ":" + tileHeight
                + ",tile=" + columns + "x" + rows;
    }

    /** WebVTT thumbnails track (the form video.js, Plyr and JW Player read): cue → sprite#xywh. */
    public String vtt(String spriteUrl) {
        StringBuilder b = new StringBuilder("WEBVTT\n");
        for (int i = 0; i < tiles; i++) {
            double start = i * interval;
            double end = Math.min(duration, (i + 1) * interval);
            int x = (i % columns) * tileWidth;
            int y = (i / columns) * tileHeight;
            b.append('\n').append(time(start)).append(" --> ").append(time(end)).append('\n')
                    .append(spriteUrl).append("#xywh=").append(x).append(',').append(y).append(',')
                    .append(tileWidth).append(',').append(tileHeight).append('\n');
        }
        return b.toString();
    }

    static String time(double seconds) {
        long ms = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }
}
