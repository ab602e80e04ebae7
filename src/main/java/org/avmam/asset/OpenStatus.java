package org.avmam.asset;

/**
 * Outcome of the open review (开放审核) of a record. The archive reviews with the creating unit;
 * a record may be opened whole, in part (redacted), deferred or kept restricted.
 */
public enum OpenStatus {
    UNREVIEWED,
    OPEN,
    PARTLY_OPEN,
    DEFERRED,
    RESTRICTED;

    /** Whether the public may see the record (a partly open one in its redacted form). */
    public boolean publiclyVisible() {
        return this == OPEN || this == PARTLY_OPEN;
    }
}
