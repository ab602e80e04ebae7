package org.avmam.search;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EmbeddedOpenSearchNodeTest {

    @Test
    void jvmOptionsLeaveHeapToTheEnvironmentAndPointPathsIntoTheNodeFolder() throws Exception {
        String distribution = Files.readString(Path.of("target/vendor/opensearch/config/jvm.options"));
        String options = EmbeddedOpenSearchNode.jvmOptions(distribution, Path.of("/d/logs"), Path.of("/d/data"));
        assertFalse(options.contains("-Xms1g"));
        assertFalse(options.contains("-Xmx1g"));
        assertTrue(options.contains("file=/d/logs/gc.log"));
        assertTrue(options.contains("-XX:HeapDumpPath=/d/data"));
        assertTrue(options.contains("-XX:ErrorFile=/d/logs/hs_err_pid%p.log"));
        assertFalse(options.matches("(?s).*[= ]logs/.*"), "no path relative to the install folder remains");
    }

    @Test
    void nodeIsLoopbackOnlyAndSingleNode() {
        String yml = EmbeddedOpenSearchNode.nodeSettings(Path.of("/d/data"), Path.of("/d/logs"), 9201, 9301);
        assertTrue(yml.contains("network.host: 127.0.0.1"));
        assertTrue(yml.contains("http.port: 9201"));
        assertTrue(yml.contains("discovery.type: single-node"));
        assertTrue(yml.contains("path.data: /d/data"));
    }
}
