package org.avmam.asset;

/** RECEIVED → PROCESSING → READY, or FAILED with the failed step and the reason. */
public enum AssetState {
    RECEIVED,
    PROCESSING,
    READY,
    FAILED
}
