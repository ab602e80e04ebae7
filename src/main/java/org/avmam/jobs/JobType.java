package org.avmam.jobs;

/** The pipeline steps, each on the queue whose workers run it. The order lives in {@link Pipeline}. */
public enum JobType {
    PROBE(Queue.DEFAULT),
    RENDER(Queue.TRANSCODE),
    TRANSCRIBE(Queue.SPEECH),
    /** Perceptual hashes of a photo or of a video's frames (near-duplicate search). */
    FINGERPRINT(Queue.IMAGE),
    INDEX(Queue.INDEX),
    /** Rebuilds the whole search index into a new index and moves the alias; belongs to no asset. */
    REINDEX(Queue.INDEX),
    /** Builds a BagIt package of a collection; belongs to no asset. */
    PACKAGE(Queue.DEFAULT),
    /** Cuts a clip from its original (smart cut, copy or re-encode); belongs to no asset's pipeline. */
    CLIP_EXPORT(Queue.TRANSCODE),
    /** Copies an original to one replica store (payload: the store's name), read back and verified. */
    REPLICATE(Queue.STORAGE),
    /** Re-hashes the copies of a batch of blobs in every store and repairs a bad one from a good one. */
    FIXITY(Queue.STORAGE),
    /** Carries out an approved disposal: renditions, index entries, every copy of the original. */
    DISPOSE(Queue.STORAGE);

    public final Queue queue;

    JobType(Queue queue) {
        this.queue = queue;
    }

    /** A step of an asset's pipeline (it moves the asset towards READY); the others run beside it. */
    public boolean pipelineStep() {
        return switch (this) {
            case PROBE, RENDER, TRANSCRIBE, FINGERPRINT, INDEX -> true;
            default -> false;
        };
    }

    /** Queues bound concurrency per kind of work: ffmpeg and Vosk each get their own. */
    public enum Queue {
        DEFAULT,
        TRANSCODE,
        /** Thumbnails and previews: short single-core renders that should not wait behind an hour of video. */
        IMAGE,
        SPEECH,
        /** Indexing mostly waits for OpenSearch to make the document searchable (refresh=wait_for): more threads, little CPU. */
        INDEX,
        /** Replication, fixity checks and disposals: bound by the stores' bandwidth, not the CPU. */
        STORAGE
    }
}
