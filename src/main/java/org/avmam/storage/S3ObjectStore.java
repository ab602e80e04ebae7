package org.avmam.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.net.URI;
import java.util.function.Consumer;
import org.avmam.config.AvmamConfig;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A bucket of an S3-compatible service (AWS, MinIO, Ceph RGW, …): objects under
 * {@code <prefix><sha256>}, so the key is the content's address and our own SHA-256 stays the
 * truth. Large files go up as multipart uploads read from disk one part at a time (memory is one
 * part's socket buffer, whatever the file's size); reads are ranged.
 */
public class S3ObjectStore implements ObjectStore, DerivedFiles, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(S3ObjectStore.class);

    private final String name;
    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final long partSize;
    private final int partConcurrency;
    private volatile boolean bucketReady;

    /** A bucket's settings (from {@link AvmamConfig.Store}, whose S3 fields they are). */
    public record Settings(Optional<URI> endpoint, String region, String bucket, String prefix, Optional<String> accessKey,
            Optional<String> secretKey, boolean pathStyle, long partSize, int partConcurrency) {

        static Settings of(String name, AvmamConfig.Store c) {
            return new Settings(c.endpoint(), c.region(), c.bucket().orElseThrow(() -> new IllegalStateException("store '" + name
                    + "' is kind s3 but names no bucket (avmam.storage." + name + ".bucket)")), c.prefix().orElse(""), c.accessKey(), c.secretKey(),
                    c.pathStyle(), c.partSize(), c.partConcurrency());
        }

        static Settings of(String name, AvmamConfig.Replica c) {
            return new Settings(c.endpoint(), c.region().orElse("us-east-1"), c.bucket().orElseThrow(() -> new IllegalStateException(
                    "replica store '" + name + "' is kind s3 but names no bucket")), c.prefix().orElse(""), c.accessKey(), c.secretKey(),
                    c.pathStyle().orElse(true), c.partSize().orElse(64L << 20), c.partConcurrency().orElse(4));
        }
    }

    public S3ObjectStore(String name, AvmamConfig.Store config) {
        this(name, Settings.of(name, config));
    }

    public S3ObjectStore(String name, Settings config) {
        this.name = name;
        this.bucket = config.bucket();
        this.prefix = config.prefix();
        this.partSize = config.partSize();
        this.partConcurrency = Math.max(1, config.partConcurrency());
        var builder = S3Client.builder()
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyle())
                // Since SDK 2.30 the client adds CRC checksums to every request by default, which many S3-compatible
                // servers refuse (aws-sdk-java-v2 discussion #5802); our SHA-256 read-back is the check that counts.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        config.endpoint().ifPresent(builder::endpointOverride);
        if (config.accessKey().isPresent() && config.secretKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKey().get(), config.secretKey().get())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        this.s3 = builder.build();
    }

    @Override
    public String kind() {
        return "s3";
    }

    @Override
    public String name() {
        return name;
    }

    String key(String sha256) {
        return prefix + Sha256.require(sha256);
    }

    @Override
    public boolean exists(String sha256) throws IOException {
        ensureBucket();
        try {
            s3.headObject(r -> r.bucket(bucket).key(key(sha256)));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw translate("look up " + sha256, e);
        } catch (SdkException e) {
            throw translate("look up " + sha256, e);
        }
    }

    @Override
    public InputStream open(String sha256, long offset, long length) throws IOException {
        ensureBucket();
        String range = offset == 0 && length < 0 ? null
                : "bytes=" + offset + "-" + (length < 0 ? "" : String.valueOf(offset + length - 1));
        try {
            return s3.getObject(r -> r.bucket(bucket).key(key(sha256)).range(range));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(key(sha256), null, "store '" + name + "' holds no copy of " + sha256);
            }
            throw translate("read " + sha256, e);
        } catch (SdkException e) {
            throw translate("read " + sha256, e);
        }
    }

    @Override
    public void write(String sha256, Path file) throws IOException {
        ensureBucket();
        long size = Files.size(file);
        Map<String, String> meta = Map.of("sha256", sha256);
        try {
            if (size <= partSize) {
                s3.putObject(r -> r.bucket(bucket).key(key(sha256)).metadata(meta).contentLength(size), RequestBody.fromFile(file));
                return;
            }
            multipart(sha256, file, size, meta);
        } catch (SdkException e) {
            throw translate("store " + sha256, e);
        }
    }

    private void multipart(String sha256, Path file, long size, Map<String, String> meta) throws IOException {
        String key = key(sha256);
        String upload = s3.createMultipartUpload(r -> r.bucket(bucket).key(key).metadata(meta)).uploadId();
        boolean done = false;
        try {
            // Up to partConcurrency parts in flight: over a wide-area link to an off-site store one part at a time waits on the
            // round trip. Each part is still read from the file as it is sent, so memory does not grow with the file.
            List<java.util.concurrent.Future<CompletedPart>> pending = new ArrayList<>();
            java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(partConcurrency);
            try (var exec = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                int number = 1;
                for (long offset = 0; offset < size; offset += partSize, number++) {
                    long from = offset;
                    long length = Math.min(partSize, size - offset);
                    int n = number;
                    slots.acquireUninterruptibly();
                    pending.add(exec.submit(() -> {
                        try {
                            // A provider, not a stream: a retried part is read again from the file, never buffered in memory.
                            RequestBody body = RequestBody.fromContentProvider(() -> part(file, from, length), length,
                                    "application/octet-stream");
                            String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(upload).partNumber(n)
                                    .contentLength(length), body).eTag();
                            return CompletedPart.builder().partNumber(n).eTag(etag).build();
                        } finally {
                            slots.release();
                        }
                    }));
                }
            }
            List<CompletedPart> parts = new ArrayList<>();
            for (var f : pending) {
                try {
                    parts.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof SdkException sdk) {
                        throw sdk;
                    }
                    throw new IOException("part upload of " + sha256 + " to store '" + name + "' failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while uploading " + sha256, e);
                }
            }
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(upload).multipartUpload(m -> m.parts(parts)));
            done = true;
        } finally {
            if (!done) {
                try {
                    s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(upload));
                } catch (SdkException e) {
                    LOG.warnf("Could not abort multipart upload %s of %s on store '%s' (the bucket's lifecycle rule removes it): %s",
                            upload, key, name, e.getMessage());
                }
            }
        }
    }

    private static InputStream part(Path file, long offset, long length) {
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
            ch.position(offset);
            return new FsObjectStore.BoundedInputStream(Channels.newInputStream(ch), length);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Refreshes the object's last-modified time without moving its bytes (a copy onto itself): an
     * upload that met an existing blob keeps the orphan sweep away from it until its asset is recorded.
     */
    void touch(String sha256) throws IOException {
        try {
            s3.copyObject(r -> r.sourceBucket(bucket).sourceKey(key(sha256)).destinationBucket(bucket).destinationKey(key(sha256))
                    .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("sha256", sha256)));
        } catch (SdkException e) {
            throw translate("touch " + sha256, e);
        }
    }

    @Override
    public void delete(String sha256) throws IOException {
        ensureBucket();
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(key(sha256)));
        } catch (SdkException e) {
            throw translate("delete " + sha256, e);
        }
    }

    private String derivedKey(String key) {
        if (key.contains("..") || key.startsWith("/")) {
            throw new IllegalArgumentException("not a relative key: " + key);
        }
        return prefix + "derived/" + key;
    }

    @Override
    public void put(String key, Path file) throws IOException {
        ensureBucket();
        try {
            s3.putObject(r -> r.bucket(bucket).key(derivedKey(key)), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw translate("store " + key, e);
        }
    }

    @Override
    public boolean fetch(String key, Path target) throws IOException {
        ensureBucket();
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".fetch");
        try {
            try (InputStream in = s3.getObject(r -> r.bucket(bucket).key(derivedKey(key)))) {
                Files.copy(in, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    return false;
                }
                throw translate("read " + key, e);
            } catch (SdkException e) {
                throw translate("read " + key, e);
            }
            Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return true;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public void deleteUnder(String keyPrefix) throws IOException {
        ensureBucket();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(derivedKey(keyPrefix))).contents()) {
                s3.deleteObject(r -> r.bucket(bucket).key(o.key()));
            }
        } catch (SdkException e) {
            throw translate("delete " + keyPrefix, e);
        }
    }

    /** Every object under the prefix whose name is a digest, with its size and last-modified time. */
    void list(Consumer<Listed> each) throws IOException {
        ensureBucket();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
                String sha = o.key().substring(prefix.length());
                if (Sha256.HEX.matcher(sha).matches()) {
                    each.accept(new Listed(sha, o.size(), o.lastModified()));
                }
            }
        } catch (SdkException e) {
            throw translate("list", e);
        }
    }

    record Listed(String sha256, long size, Instant lastModified) {}

    /** The bucket is made on first use, not at start: a replica that is down when the node starts must not stop it. */
    private void ensureBucket() throws IOException {
        if (bucketReady) {
            return;
        }
        try {
            try {
                s3.headBucket(r -> r.bucket(bucket));
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
                s3.createBucket(r -> r.bucket(bucket));
                LOG.infof("Created bucket %s for store '%s'", bucket, name);
            }
            bucketReady = true;
        } catch (SdkException e) {
            throw translate("reach bucket " + bucket, e);
        }
    }

    /** A server that cannot be reached or answers 5xx is unavailable (wait and retry); anything else is an error. */
    private IOException translate(String what, SdkException e) {
        boolean unavailable = e instanceof SdkClientException
                || (e instanceof S3Exception s && (s.statusCode() >= 500 || s.statusCode() == 429));
        String message = "store '" + name + "' (bucket " + bucket + ") could not " + what + ": " + e.getMessage();
        return unavailable ? new StoreUnavailableException(message, e) : new IOException(message, e);
    }

    @Override
    public void close() {
        s3.close();
    }
}
