package org.avmam.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import jakarta.annotation.Priority;
import java.nio.file.Path;

/**
 * {@code avmam.data-dir} as an absolute path wherever it is read, the embedded database's URL included: H2 refuses a
 * file path that is implicitly relative to the working directory ({@code AVMAM_DATA_DIR=data} would stop the service at
 * start), and a relative folder would change meaning with the directory the service was started from.
 */
@Priority(jakarta.interceptor.Interceptor.Priority.LIBRARY_BEFORE + 100)
public class AbsoluteDataDir implements ConfigSourceInterceptor {

    static final String NAME = "avmam.data-dir";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!NAME.equals(name) || value == null || value.getValue() == null || value.getValue().isBlank()) {
            return value;
        }
        return value.withValue(absolute(value.getValue()));
    }

    static String absolute(String dir) {
        return Path.of(dir).toAbsolutePath().normalize().toString();
    }
}
