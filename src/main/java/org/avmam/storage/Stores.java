package org.avmam.storage;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.avmam.config.AvmamConfig;
import org.avmam.config.NodeName;

/**
 * The stores this node writes originals to, made from {@code avmam.storage.*}: the primary
 * (a folder or a bucket) and zero or more replicas ({@code replica}, and named ones under
 * {@code replicas.<name>}).
 */
@ApplicationScoped
public class Stores {

    public static final String PRIMARY = "primary";
    public static final String REPLICA = "replica";

    private final BlobStore primary;
    private final Map<String, ObjectStore> replicas = new LinkedHashMap<>();
    private final List<AutoCloseable> clients = new ArrayList<>();
    private final DerivedFiles derived;

    public Stores(AvmamConfig config, NodeName node) {
        AvmamConfig.Storage storage = config.storage();
        Staging staging = new Staging(config.dataDir().resolve("tmp").resolve(node.get()));
        if (storage.primary().kind() == AvmamConfig.Store.Kind.S3) {
            S3ObjectStore objects = new S3ObjectStore(PRIMARY, storage.primary());
            clients.add(objects);
            derived = storage.renditions() == AvmamConfig.Storage.Renditions.PRIMARY ? objects : null;
            primary = new S3BlobStore(objects, staging, config.dataDir().resolve("cache").resolve("blobs"), storage.cacheMaxBytes());
        } else {
            derived = null; // a folder primary and the data folder are alike: renditions stay in the data folder
            primary = new LocalBlobStore(storage.primary().path().orElse(config.dataDir().resolve("blobs")), staging);
        }
        try {
            staging.removeLeftovers();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the staging folder " + staging.dir(), e);
        }
        storage.replica().ifPresent(r -> replicas.put(REPLICA, make(REPLICA, r)));
        storage.replicas().forEach((name, r) -> {
            if (name.equals(PRIMARY) || name.equals(REPLICA) || !name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
                throw new IllegalStateException("replica store name '" + name + "' is reserved or not lower-case letters, digits and '-'");
            }
            replicas.put(name, make(name, r));
        });
    }

    private ObjectStore make(String name, AvmamConfig.Replica c) {
        if (c.kind() == AvmamConfig.Store.Kind.S3) {
            S3ObjectStore s3 = new S3ObjectStore(name, S3ObjectStore.Settings.of(name, c));
            clients.add(s3);
            return s3;
        }
        return new FsObjectStore(name, c.path().orElseThrow(() -> new IllegalStateException(
                "replica store '" + name + "' is kind fs but names no path (avmam.storage." + (name.equals(REPLICA) ? REPLICA
                        : "replicas." + name) + ".path)")));
    }

    @Produces
    @ApplicationScoped
    BlobStore primary() {
        return primary;
    }

    /** Where renditions are kept besides the data folder, when they are ({@code avmam.storage.renditions=primary}). */
    public Optional<DerivedFiles> derived() {
        return Optional.ofNullable(derived);
    }

    /** The replica stores, in configuration order. */
    public List<ObjectStore> replicas() {
        return List.copyOf(replicas.values());
    }

    public Optional<ObjectStore> replica(String name) {
        return Optional.ofNullable(replicas.get(name));
    }

    /** The primary and the replicas: every store that holds a copy. */
    public List<ObjectStore> all() {
        List<ObjectStore> all = new ArrayList<>();
        all.add(primary);
        all.addAll(replicas.values());
        return all;
    }

    public Optional<ObjectStore> byName(String name) {
        return PRIMARY.equals(name) ? Optional.of(primary) : replica(name);
    }

    void close(@Observes ShutdownEvent ev) {
        for (AutoCloseable c : clients) {
            try {
                c.close();
            } catch (Exception ignored) {
                // shutting down
            }
        }
    }
}
