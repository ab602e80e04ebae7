package org.avmam.storage;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 server for the tests: S3Proxy (org.gaul:s3proxy, copied by the build to
 * target/vendor/s3proxy.jar) with its filesystem backend, in its own process, so a test can stop
 * it and start it again on the same port and folder (a replica that goes down and comes back).
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "avmam-test";
    public static final String SECRET_KEY = "avmam-test-secret";
    static final Path JAR = Path.of("target/vendor/s3proxy.jar");

    private final Path dir;
    private final int port;
    private Process process;

    public S3ProxyServer(Path dir) throws IOException {
        this.dir = dir.toAbsolutePath();
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Where the filesystem backend keeps an object: {@code <dir>/<bucket>/<key>}. */
    public Path objectFile(String bucket, String key) {
        return dir.resolve("data").resolve(bucket).resolve(key);
    }

    /** The settings of an avmam store on this server, under {@code prefix} (e.g. {@code avmam.storage.primary.}). */
    public Map<String, String> storeSettings(String prefix, String bucket) {
        return Map.of(prefix + "kind", "s3", prefix + "endpoint", endpoint(), prefix + "bucket", bucket, prefix + "access-key", ACCESS_KEY,
                prefix + "secret-key", SECRET_KEY);
    }

    public synchronized S3ProxyServer start() throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the build copies it (mvn process-test-resources)");
        }
        Files.createDirectories(dir.resolve("data"));
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=" + endpoint(),
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + dir.resolve("data"),
                ""));
        Path log = dir.resolve("s3proxy.log");
        process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
                JAR.toAbsolutePath().toString(), "--properties", properties.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited at start; see " + log);
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return this;
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("S3Proxy did not listen within 60 s; see " + log);
                }
                Thread.sleep(200);
            }
        }
    }

    /** Stops the server; its objects stay in its folder for the next start. */
    public synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
