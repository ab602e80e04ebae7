package org.avmam.ffmpeg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import ws.schild.jave.process.ProcessLocator;

/**
 * JAVE2's locator for the ffmpeg and ffprobe that come with the build: bytedeco's GPL build
 * ({@code org.bytedeco:ffmpeg}, classifier {@code linux-x86_64-gpl}), whose binaries and shared
 * libraries sit side by side in the jar. They are unpacked once into a folder named after the
 * artifact; the binaries' RUNPATH is {@code $ORIGIN}, so they find their libraries there with no
 * {@code LD_LIBRARY_PATH}. Unpacking goes to a temporary folder first and is renamed into place,
 * so two nodes (or a killed start) never leave half a set of libraries behind.
 */
public final class BundledFfmpegLocator implements ProcessLocator {

    static final String RESOURCE_DIR = "org/bytedeco/ffmpeg/linux-x86_64-gpl/";
    /** What the bundled folder holds; the JNI wrappers are not needed by the command-line tools. */
    static final List<String> FILES = List.of("ffmpeg", "ffprobe", "libavcodec.so.60", "libavdevice.so.60", "libavfilter.so.9",
            "libavformat.so.60", "libavutil.so.58", "libdrm.so.2", "libpostproc.so.57", "libswresample.so.4", "libswscale.so.7");

    private final Path folder;

    private BundledFfmpegLocator(Path folder) {
        this.folder = folder;
    }

    /** The locator, when this build carries the bundled binaries (it does unless a packager removed them). */
    public static Optional<BundledFfmpegLocator> unpackInto(Path toolsDir) {
        ClassLoader cl = BundledFfmpegLocator.class.getClassLoader();
        URL ffmpeg = cl.getResource(RESOURCE_DIR + "ffmpeg");
        if (ffmpeg == null || !System.getProperty("os.name", "").toLowerCase().contains("linux")
                || !"amd64".equals(System.getProperty("os.arch"))) {
            return Optional.empty();
        }
        Path folder = toolsDir.resolve("ffmpeg-" + artifactName(ffmpeg.toString())).toAbsolutePath();
        try {
            if (!Files.isRegularFile(folder.resolve(".complete"))) {
                unpack(cl, folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the bundled ffmpeg into " + folder + ": " + e.getMessage(), e);
        }
        return Optional.of(new BundledFfmpegLocator(folder));
    }

    /** "jar:file:/…/ffmpeg-6.1.1-1.5.10-linux-x86_64-gpl.jar!/org/…" → "6.1.1-1.5.10-linux-x86_64-gpl". */
    static String artifactName(String url) {
        int bang = url.indexOf("!/");
        String jar = bang > 0 ? url.substring(0, bang) : url;
        String name = jar.substring(jar.lastIndexOf('/') + 1);
        if (name.startsWith("ffmpeg-") && name.endsWith(".jar")) {
            return name.substring("ffmpeg-".length(), name.length() - ".jar".length());
        }
        return "bundled";
    }

    private static void unpack(ClassLoader cl, Path folder) throws IOException {
        Files.createDirectories(folder.getParent());
        Path temp = Files.createTempDirectory(folder.getParent(), folder.getFileName() + ".part-");
        try {
            for (String f : FILES) {
                try (InputStream in = cl.getResourceAsStream(RESOURCE_DIR + f)) {
                    if (in == null) {
                        throw new IOException("the bundled ffmpeg lacks " + f);
                    }
                    Path out = temp.resolve(f);
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            Files.writeString(temp.resolve(".complete"), "unpacked from the classpath\n");
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                Files.move(temp, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                // Another process unpacked the same artifact first: its copy is as good as ours.
                if (!Files.isRegularFile(folder.resolve(".complete"))) {
                    throw raced;
                }
            }
        } finally {
            org.avmam.common.FileTrees.delete(temp);
        }
    }

    @Override
    public String getExecutablePath() {
        return folder.resolve("ffmpeg").toString();
    }

    public Path ffprobe() {
        return folder.resolve("ffprobe");
    }
}
