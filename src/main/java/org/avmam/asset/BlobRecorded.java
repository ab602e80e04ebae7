package org.avmam.asset;

import java.time.Instant;
import java.util.UUID;

/**
 * A new original was recorded (its {@code blob} row written) inside the caller's transaction:
 * observers that keep copies of it (replication) enqueue their work in that same transaction.
 */
public record BlobRecorded(String sha256, UUID assetId, Instant at) {}
