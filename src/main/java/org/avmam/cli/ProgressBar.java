package org.avmam.cli;

import java.io.PrintStream;
import java.util.Locale;

/** One line of progress: a bar, files per second and the time left. Redrawn in place on a terminal. */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long LOG_INTERVAL_NANOS = 2_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastPrint;

    ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    synchronized void update(int done, int total, int skipped, int failed) {
        long now = System.nanoTime();
        if (!terminal && done < total && now - lastPrint < LOG_INTERVAL_NANOS) {
            return;
        }
        lastPrint = now;
        out.print((terminal ? "\r" : "") + line(done, total, skipped, failed, (now - start) / 1e9) + (terminal ? "" : "\n"));
        out.flush();
    }

    static String line(int done, int total, int skipped, int failed, double seconds) {
        double rate = seconds > 0 ? done / seconds : 0;
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        String eta = rate > 0 && done < total ? clock((total - done) / rate) : "--:--";
        return String.format(Locale.ROOT, "[%s%s] %d/%d files  %.1f files/s  ETA %s  already held %d  failed %d",
                "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, rate, eta, skipped, failed);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
