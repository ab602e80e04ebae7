package org.avmam.speech;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.avmam.config.AvmamConfig;
import org.jboss.logging.Logger;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;

/**
 * The Vosk models, one per language, checked at start (a missing model stops the service with the
 * setting to fix) and loaded on first use: loading takes seconds and memory, and a node may never
 * be asked for some languages.
 */
@Startup
@ApplicationScoped
public class VoskModels {

    private static final Logger LOG = Logger.getLogger(VoskModels.class);

    private final AvmamConfig.Speech config;
    private final Map<String, Path> paths = new TreeMap<>();
    private final Map<String, Model> loaded = new ConcurrentHashMap<>();

    public VoskModels(AvmamConfig config) {
        this.config = config.speech();
    }

    @PostConstruct
    void check() {
        if (!config.enabled()) {
            return;
        }
        config.models().forEach((language, path) -> {
            if (!Files.isRegularFile(path.resolve("conf/model.conf")) && !Files.isRegularFile(path.resolve("am/final.mdl"))) {
                throw new IllegalStateException("avmam.speech.models." + language + " (AVMAM_SPEECH_MODELS_"
                        + language.toUpperCase(Locale.ROOT) + ") points to " + path.toAbsolutePath()
                        + ", which is not a Vosk model folder (no conf/model.conf or am/final.mdl)");
            }
            paths.put(primary(language), path.toAbsolutePath());
        });
        LOG.infof("Vosk models: %s", paths);
    }

    /** "zh-Hans-CN" → "zh": models are chosen by the primary language subtag. */
    static String primary(String languageTag) {
        return Locale.forLanguageTag(languageTag).getLanguage();
    }

    public Map<String, Path> configured() {
        return Map.copyOf(paths);
    }

    public boolean enabled() {
        return config.enabled();
    }

    public Optional<Path> pathFor(String language) {
        return Optional.ofNullable(paths.get(primary(language)));
    }

    public Model modelFor(String language) {
        String key = primary(language);
        Path path = paths.get(key);
        if (path == null) {
            throw new IllegalArgumentException("no speech model for language '" + language + "'");
        }
        return loaded.computeIfAbsent(key, k -> {
            // The native library is loaded on first use, not at start: an application instance that never transcribes
            // (a test profile, an API-only node) never loads libvosk, whose global state does not survive being loaded
            // by several class loaders of one JVM (a double free at exit).
            LibVosk.setLogLevel(LogLevel.WARNINGS);
            try {
                return new Model(path.toString());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot load the Vosk model at " + path + ": " + e.getMessage(), e);
            }
        });
    }

    /** Transcriptions using a model right now: a model is never freed under one (native memory, a crash). */
    private final java.util.concurrent.atomic.AtomicInteger inUse = new java.util.concurrent.atomic.AtomicInteger();

    void acquire() {
        inUse.incrementAndGet();
    }

    void release() {
        synchronized (inUse) {
            inUse.decrementAndGet();
            inUse.notifyAll();
        }
    }

    /**
     * Frees the models once no transcription uses them. A transcription still running after 20 s
     * (its worker did not stop in time) keeps them: at shutdown a leak is harmless, a freed model
     * under a running recogniser is a double free that kills the JVM.
     */
    @PreDestroy
    void close() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        synchronized (inUse) {
            while (inUse.get() > 0 && System.nanoTime() < deadline) {
                try {
                    inUse.wait(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (inUse.get() > 0) {
                LOG.warnf("%d transcription(s) still running at shutdown: the Vosk models are left to the process's end", inUse.get());
                return;
            }
        }
        loaded.values().forEach(Model::close);
    }
}
