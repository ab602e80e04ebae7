package org.avmam.ffmpeg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One ffmpeg (and its ffprobe) with what it can do, read from its own {@code -version},
 * {@code -encoders}, {@code -decoders} and {@code -h long} output. Pure: the parsing is tested
 * against recorded output, the running is {@link FfmpegTools}'.
 */
public record FfmpegBuild(Path ffmpeg, Optional<Path> ffprobe, FfmpegTools.Source source, String version, Set<String> encoders,
        Set<String> decoders, Set<String> options) {

    /** What the shipped profiles and the pipeline ask of ffmpeg. */
    public record Needs(Set<String> encoders, Set<String> decoders, Set<String> options) {}

    /** What this build lacks of {@code needs}, as words for the health check and the log; empty when it has it all. */
    public List<String> missing(Needs needs) {
        List<String> out = new ArrayList<>();
        if (ffprobe.isEmpty()) {
            out.add("no ffprobe beside it");
        }
        needs.encoders().stream().filter(e -> !encoders.contains(e)).forEach(e -> out.add("encoder " + e));
        needs.decoders().stream().filter(d -> !decoders.contains(d)).forEach(d -> out.add("decoder " + d));
        needs.options().stream().filter(o -> !options.contains(o)).forEach(o -> out.add("option -" + o));
        return out;
    }

    /** "ffmpeg version 5.1.6-0+deb12u1 Copyright …" → "5.1.6-0+deb12u1". */
    static String parseVersion(String versionOutput) {
        String first = versionOutput.lines().findFirst().orElse("");
        String[] words = first.split("\\s+");
        return words.length >= 3 && words[1].equals("version") ? words[2] : first.strip();
    }

    /**
     * The names in {@code -encoders} or {@code -decoders} output: after the "------" rule, each
     * line is six flag characters, the name and a description.
     */
    static Set<String> parseCodecList(String output) {
        Set<String> names = new TreeSet<>();
        boolean body = false;
        for (String line : output.lines().toList()) {
            String t = line.strip();
            if (t.startsWith("------")) {
                body = true;
                continue;
            }
            if (!body || t.isEmpty()) {
                continue;
            }
            String[] parts = t.split("\\s+", 3);
            if (parts.length >= 2 && parts[0].length() == 6) {
                names.add(parts[1]);
            }
        }
        return names;
    }

    /** The option names in {@code -h long} output ("-fps_mode       set framerate mode …" → "fps_mode"). */
    static Set<String> parseOptions(String helpOutput) {
        Set<String> names = new TreeSet<>();
        for (String line : helpOutput.lines().toList()) {
            String t = line.strip();
            if (t.startsWith("-") && t.length() > 1) {
                String name = t.substring(1).split("[\\s\\[<]", 2)[0];
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
