package org.avmam.storage;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.avmam.common.FileTrees;

/**
 * The archive-scale storage settings: originals and renditions in an S3 bucket (one S3Proxy), a
 * folder replica, and an off-site S3 replica on a second S3Proxy that a test stops and starts again.
 */
public class S3Storage implements QuarkusTestProfile {

    static final Path ROOT = Path.of("target/s3-storage").toAbsolutePath();
    static final Path FOLDER_REPLICA = ROOT.resolve("replica");
    static S3ProxyServer primary;
    static S3ProxyServer offsite;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("avmam.speech.enabled", "false", "avmam.storage.unavailable-retry", "1s", "avmam.storage.fixity.interval", "0s",
                "avmam.storage.renditions", "primary");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Servers.class));
    }

    public static class Servers implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                FileTrees.delete(ROOT);
                Files.createDirectories(FOLDER_REPLICA);
                primary = new S3ProxyServer(ROOT.resolve("primary-server")).start();
                offsite = new S3ProxyServer(ROOT.resolve("offsite-server")).start();
                Map<String, String> c = new HashMap<>();
                c.putAll(primary.storeSettings("avmam.storage.primary.", "avmam-primary"));
                c.put("avmam.storage.replica.kind", "fs");
                c.put("avmam.storage.replica.path", FOLDER_REPLICA.toString());
                c.putAll(offsite.storeSettings("avmam.storage.replicas.offsite.", "avmam-offsite"));
                return c;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void stop() {
            try {
                primary.stop();
                offsite.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
