package org.avmam.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A relative data folder (AVMAM_DATA_DIR=data) reaches every setting built on it as an absolute path. */
class AbsoluteDataDirTest {

    @Test
    void aRelativeDataDirIsMadeAbsoluteAlsoInsideTheDatabaseUrl() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().withInterceptors(new AbsoluteDataDir())
                .withSources(new PropertiesConfigSource(Map.of("avmam.data-dir", "archive/data",
                        "quarkus.datasource.jdbc.url", "jdbc:h2:file:${avmam.data-dir}/db/avmam;MODE=PostgreSQL"), "test", 100))
                .build();
        String expected = Path.of("archive/data").toAbsolutePath().normalize().toString();
        assertEquals(expected, config.getRawValue("avmam.data-dir"));
        assertEquals("jdbc:h2:file:" + expected + "/db/avmam;MODE=PostgreSQL", config.getValue("quarkus.datasource.jdbc.url", String.class));
    }

    @Test
    void anAbsoluteOneIsKeptAsItIs() {
        assertEquals("/srv/avmam", AbsoluteDataDir.absolute("/srv/avmam"));
        assertEquals("/srv/avmam", AbsoluteDataDir.absolute("/srv/avmam/./"));
    }
}
