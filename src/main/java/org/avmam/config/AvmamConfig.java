package org.avmam.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every avmam setting. Each one is documented, with its environment variable, in
 * docs/configuration.md; keep the two in step.
 */
@ConfigMapping(prefix = "avmam")
public interface AvmamConfig {

    /** Root of everything the service keeps on disk: database (embedded), blobs, renditions, OpenSearch node. */
    @WithDefault("./data")
    Path dataDir();

    /**
     * This node's name, unique among the nodes sharing a database; stable across restarts, so a
     * restarted node can take back the jobs it held when it died. Defaults to the host name.
     */
    Optional<String> nodeName();

    Node node();

    /** What this node does among several sharing one database and one store. */
    interface Node {
        enum Role {
            /** Serves the API (and ingest: uploads, the hot folder). */
            API,
            /** Runs the job workers and the schedulers (fixity, replication catch-up, pruning). */
            WORKER
        }

        /** {@code api,worker} (the default), {@code api} (no workers) or {@code worker} (health and metrics only). */
        @WithDefault("api,worker")
        java.util.Set<Role> roles();
    }

    /** Folder of the transcode profile YAML files. */
    @WithDefault("transcode-profiles")
    Path profilesDir();

    Upload upload();

    Api api();

    Storage storage();

    Access access();

    Review review();

    Packages packages();

    Share share();

    /** Share links that give an outside partner one collection. */
    interface Share {
        /** The longest a share link may live; a link asked for longer is refused. */
        @WithDefault("P365D")
        java.time.Duration maxLifetime();

        /** How long a link lives when its creator names no expiry. */
        @WithDefault("P30D")
        java.time.Duration defaultLifetime();
    }

    /** BagIt packages of collections. */
    interface Packages {
        /** The largest package that may be built; a bigger one is refused before a byte is written, with its size. */
        @WithDefault("2T")
        io.quarkus.runtime.configuration.MemorySize maxBytes();

        /** bag-info.txt's Source-Organization: the archive that hands the package out. */
        @WithDefault("avmam")
        String sourceOrganization();
    }

    /** Sign-in, roles and the record policy (docs/access.md). */
    interface Access {
        /**
         * The password of the account {@code admin} created at first start when no admin exists
         * (also read from AVMAM_ADMIN_PASSWORD). Without it a one-time password is written to
         * {@code <data-dir>/initial-admin-password}, readable by the service user only.
         */
        Optional<String> adminPassword();

        /** bcrypt's cost (log2 of its rounds) for new password hashes. */
        @WithDefault("12")
        @Min(4)
        @Max(31)
        int bcryptCost();

        /** Reading-room mode: anonymous visitors may read OPEN records (and the open parts of PARTLY_OPEN ones). */
        @WithDefault("false")
        boolean readingRoom();

        /** How long a personal API token lasts when its creator names no expiry. */
        @WithDefault("90d")
        Duration tokenLifetime();

        /** The longest expiry a token may be given. */
        @WithDefault("366d")
        Duration maxTokenLifetime();

        /** Failed sign-ins in a row after which an account is locked for {@link #lockout()}. */
        @WithDefault("5")
        @Min(1)
        int maxFailedSignIns();

        @WithDefault("15m")
        Duration lockout();

        /** Shortest password a local account may be given. */
        @WithDefault("12")
        @Min(8)
        int minPasswordLength();

        /**
         * Sign-in through OIDC (quarkus-oidc, bearer access tokens); the issuer is
         * quarkus.oidc.auth-server-url (QUARKUS_OIDC_AUTH_SERVER_URL). Local accounts keep working.
         */
        @WithDefault("false")
        boolean oidcEnabled();

        /** The OIDC token claim that carries roles (a path: realm_access/roles for Keycloak). */
        @WithDefault("realm_access/roles")
        String oidcRoleClaim();
    }

    /** Open review (开放审核). */
    interface Review {
        /** Years after a record's date when it falls due for open review (the Archives Law: 25). */
        @WithDefault("25")
        @Min(0)
        int dueAfterYears();

        /** Four-eyes: a decision takes effect only when a second reviewer approves it. */
        @WithDefault("false")
        boolean fourEyes();
    }

    interface Storage {
        /** How often each node looks for blobs no asset references (0: never). */
        @WithDefault("6h")
        Duration sweepInterval();

        /** How old an unreferenced blob must be before a sweep removes it: longer than any upload takes to be recorded. */
        @WithDefault("24h")
        Duration orphanGrace();

        /** Where originals live: the local data folder (default) or an S3-compatible bucket. */
        Store primary();

        /**
         * The replica store, if any: every original is copied there by a job, read back and verified.
         * More replicas go under {@link #replicas()}.
         */
        Optional<Replica> replica();

        /** Further replica stores by name ({@code avmam.storage.replicas.<name>.kind}, …). */
        Map<String, Replica> replicas();

        /**
         * With an S3 primary, ffmpeg and Vosk still read local files: originals are fetched into this
         * node's cache (under the data folder), verified by hash, and the least recently used go first
         * once the cache holds more than this many bytes.
         */
        @WithDefault("107374182400")
        @Min(0)
        long cacheMaxBytes();

        Fixity fixity();

        /**
         * {@code local}: renditions live in the data folder only (shared by the nodes). {@code primary}
         * (with an S3 primary): each rendition file also goes to the primary bucket, and the data folder
         * is a cache a node fills on first use.
         */
        @WithDefault("local")
        Renditions renditions();

        enum Renditions {
            LOCAL,
            PRIMARY
        }

        /** How long work against a store that cannot be reached waits before it is tried again (the attempt is not counted). */
        @WithDefault("1m")
        Duration unavailableRetry();
    }

    /** One store of originals: a folder, or a bucket of an S3-compatible service. */
    interface Store {
        enum Kind {
            FS,
            S3
        }

        @WithDefault("fs")
        Kind kind();

        /** kind=fs: the folder. The primary defaults to {@code <data-dir>/blobs}; a replica must name one. */
        Optional<Path> path();

        /** kind=s3: the service's address, for MinIO, Ceph or any S3-compatible store (AWS when absent). */
        Optional<java.net.URI> endpoint();

        @WithDefault("us-east-1")
        String region();

        /** kind=s3: the bucket; created when missing. */
        Optional<String> bucket();

        /** kind=s3: a key prefix, so several stores can share one bucket (none by default). */
        Optional<String> prefix();

        /** kind=s3: credentials; without them the SDK's default chain (environment, profile, instance role). */
        Optional<String> accessKey();

        Optional<String> secretKey();

        /** Path-style addressing ({@code endpoint/bucket/key}), what most S3-compatible servers expect. */
        @WithDefault("true")
        boolean pathStyle();

        /** Files larger than this go up as a multipart upload of parts this size, read from disk one at a time. */
        @WithDefault("67108864")
        @Min(5242880)
        long partSize();

        /** Parts of one multipart upload sent at once (each read from the file as it goes). */
        @WithDefault("4")
        @Min(1)
        @Max(64)
        int partConcurrency();
    }

    /**
     * A replica store: the same settings as {@link Store}, with no defaults (so that a replica
     * exists only when its kind is set); the defaults of {@link Store} apply in their place.
     */
    interface Replica {
        Store.Kind kind();

        Optional<Path> path();

        Optional<java.net.URI> endpoint();

        Optional<String> region();

        Optional<String> bucket();

        Optional<String> prefix();

        Optional<String> accessKey();

        Optional<String> secretKey();

        Optional<Boolean> pathStyle();

        Optional<@Min(5242880) Long> partSize();

        Optional<@Min(1) @Max(64) Integer> partConcurrency();
    }

    /** Fixity audits: every stored copy is hashed again within each period, and repaired from a good copy. */
    interface Fixity {
        /** Every copy is checked once within this period, the checks spread evenly over it (P30D: a thirtieth a day). */
        @WithDefault("P30D")
        Duration period();

        /** How often this node looks for copies due a check (0: never; the audit endpoint still works). */
        @WithDefault("1h")
        Duration interval();

        /** Blobs per FIXITY job. */
        @WithDefault("20")
        @Min(1)
        int batch();
    }

    interface Api {
        /**
         * The largest request body of an endpoint that is not an upload (JSON, merge patches, a
         * picture for search by image): uploads have their own limit, avmam.upload.max-bytes.
         */
        @WithDefault("4M")
        io.quarkus.runtime.configuration.MemorySize maxBodySize();

        /** The largest picture sent to search by image. */
        @WithDefault("64M")
        io.quarkus.runtime.configuration.MemorySize maxImageQuerySize();
    }

    Database database();

    HotFolder hotFolder();

    interface HotFolder {
        /** A folder watched for new files to ingest (a camera card dump, a transfer share); none when absent. */
        Optional<Path> path();

        /** A file is taken once its size and time have not changed for this long (it is still being copied before). */
        @WithDefault("10s")
        Duration settle();

        @WithDefault("5s")
        Duration pollInterval();

        /** Batch the hot folder's files join. */
        Optional<String> batch();
    }

    Search search();

    Web web();

    /** The web application. */
    interface Web {
        /**
         * Map tiles for the search page's map, as a URL template ({z}/{x}/{y}), e.g. the archive's own tile server.
         * None by default: the archive's network has no internet, so the map shows the results on a blank map.
         */
        Optional<String> mapTiles();

        /** The attribution the tiles' licence asks for, shown on the map. */
        Optional<String> mapAttribution();
    }

    Ffmpeg ffmpeg();

    Speech speech();

    Pipeline pipeline();

    interface Upload {
        /** Largest accepted file in bytes; larger uploads answer 413. */
        @WithDefault("107374182400")
        @Min(1)
        long maxBytes();

        /** A resumable upload with no activity for this long expires and its partial data is removed. */
        @WithDefault("24h")
        Duration tusExpiration();

        /**
         * Write uploads with direct I/O (O_DIRECT) where the filesystem supports it: they skip the
         * page cache, which an upload written once only fills with what other work needs.
         */
        @WithDefault("true")
        boolean directIo();
    }

    interface Database {
        /** Empty the schema before migrating (tests only: it deletes everything). */
        @WithDefault("false")
        boolean cleanAtStart();
    }

    interface Search {
        /** OpenSearch URLs of an external cluster; when empty the service starts its own local node. */
        Optional<List<String>> urls();

        Optional<String> username();

        Optional<String> password();

        /** PKCS#12 or JKS trust store for TLS to the cluster; the JVM's default trust applies when absent. */
        Optional<Path> trustStore();

        Optional<String> trustStorePassword();

        @WithDefault("avmam-assets")
        String index();

        /** Drop and recreate the index at start (tests use it; the database is the source of truth). */
        @WithDefault("false")
        boolean recreateIndex();

        @WithDefault("30s")
        Duration requestTimeout();

        /** Largest page a search may ask for (size); more is a 400. */
        @WithDefault("100")
        int maxPageSize();

        /** Deepest from + size a search may reach by offset; beyond it the client pages with the cursor (search_after). */
        @WithDefault("1000")
        int maxOffsetWindow();

        /** Classifications (密级) the public may see, as the archive writes them; a record with none set counts as public. */
        @WithDefault("公开")
        List<String> publicClassifications();

        Outbox outbox();

        interface Outbox {
            /** Index updates sent per _bulk request. */
            @WithDefault("500")
            int batchSize();

            /** How often an idle node looks for updates to send. */
            @WithDefault("500ms")
            Duration pollInterval();

            /** Longest wait between tries while OpenSearch is down (the wait doubles up to it). */
            @WithDefault("30s")
            Duration maxBackoff();

            /** How long sent updates are kept, so that a reindex can replay what changed while it copied. */
            @WithDefault("1d")
            Duration keep();
        }

        Embedded embedded();

        interface Embedded {
            /** The unpacked OpenSearch distribution (the build puts it here). */
            @WithDefault("target/vendor/opensearch")
            Path home();

            /** Heap of the local node, as -Xms/-Xmx. */
            @WithDefault("512m")
            String heap();

            /** OpenSearch refuses to run as root: when the service is root the node runs as this user. */
            @WithDefault("nobody")
            String runAsUser();

            @WithDefault("180s")
            Duration startTimeout();
        }
    }

    interface Ffmpeg {
        /**
         * An ffmpeg binary to use, which must have what the profiles need; when absent, the one that
         * comes with the build, else the system ffmpeg on PATH if it has ({@link #useSystem()}).
         */
        Optional<Path> ffmpegPath();

        /** An ffprobe binary to use with {@link #ffmpegPath()}; when absent, the ffprobe beside it. */
        Optional<Path> ffprobePath();

        /**
         * The most pixels avmam decodes of one picture (HEIC grids, RAW previews, any still): a
         * decompression bomb is refused with a reason instead of taking the node's memory.
         */
        @WithDefault("250000000")
        @Min(1)
        long maxPixels();

        /**
         * Whether a capable system ffmpeg on PATH is preferred to the bundled build (for its hardware
         * encoders, say). Either way the other is the fallback.
         */
        @WithDefault("false")
        boolean useSystem();

        /**
         * Shortest time limit of one ffmpeg run; longer sources get {@link #timeoutFactor()} times
         * their duration.
         */
        @WithDefault("10m")
        Duration timeout();

        /** A run may take this many times the source's duration (a two-hour interview: 10 hours at 5). */
        @WithDefault("5")
        @Min(1)
        double timeoutFactor();

        /**
         * Hardware video encoders named in profiles' {@code hardware-codecs}: {@code off} never,
         * {@code auto} those that pass a one-frame test encode on this node, {@code always} without
         * the test. A hardware encode that fails falls back to the profile's software codec.
         */
        @WithDefault("auto")
        HardwareMode hardware();

        enum HardwareMode {
            OFF,
            AUTO,
            ALWAYS
        }
    }

    interface Speech {
        @WithDefault("true")
        boolean enabled();

        /** Vosk model folder per language (BCP 47 primary tag), e.g. avmam.speech.models.zh=/models/vosk-model-cn. */
        @WithName("models")
        Map<String, Path> models();

        /** Language of an asset that names none. */
        @WithDefault("en")
        String defaultLanguage();

        /** Recognisers run in parallel on one long recording; 0 means one per CPU core. */
        @WithDefault("0")
        @Min(0)
        @Max(64)
        int parallelism();

        /**
         * Recordings longer than 1.5 × this are cut at silences into about one chunk per recogniser
         * (see parallelism), never shorter than this, and transcribed in parallel.
         */
        @WithDefault("60s")
        Duration chunkLength();
    }

    interface Pipeline {
        /** Whether this node runs pipeline workers; API-only nodes set it to false. */
        @WithDefault("true")
        boolean workers();

        /** Worker threads for probing. */
        @WithDefault("2")
        @Min(1)
        @Max(64)
        int defaultWorkers();

        /** Concurrent index updates on this node (they mostly wait for OpenSearch's refresh, not the CPU). */
        @WithDefault("16")
        @Min(1)
        @Max(64)
        int indexWorkers();

        /** Concurrent ffmpeg renders on this node. */
        @WithDefault("1")
        @Min(0)
        @Max(64)
        int transcodeWorkers();

        /**
         * Concurrent image renders (thumbnails, previews) on this node; they are short and each uses
         * about one core, so set it to the number of cores (2 by default).
         */
        @WithDefault("2")
        @Min(0)
        @Max(64)
        int imageWorkers();

        /** Concurrent replications and fixity checks on this node. */
        @WithDefault("2")
        @Min(0)
        @Max(64)
        int storageWorkers();

        /** Concurrent transcriptions on this node. */
        @WithDefault("1")
        @Min(0)
        @Max(64)
        int speechWorkers();

        @WithDefault("1s")
        Duration pollInterval();

        /** A job whose worker has not finished within its lease is taken again by another worker. */
        @WithDefault("3h")
        Duration lease();

        @WithDefault("3")
        @Min(1)
        int maxAttempts();

        /** First retry delay; each later retry doubles it. */
        @WithDefault("5s")
        Duration retryBackoff();

        /** Done and cancelled jobs are deleted this long after they finished (failed ones stay until retried or cancelled). */
        @WithDefault("P30D")
        Duration keepFinished();
    }
}
