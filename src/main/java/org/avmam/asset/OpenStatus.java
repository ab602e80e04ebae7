package org.avmam.asset;

/**
 * Outcome of the open review (开放审核) of a record: not yet reviewed, closed (with a reason and a
 * date for the next review), opened in part (the reviewer names the open parts) or opened whole.
 */
public enum OpenStatus {
    UNREVIEWED,
    CLOSED,
    PARTLY_OPEN,
    OPEN;

    /** Whether the public may see the record (a partly open one in its redacted form). */
    public boolean publiclyVisible() {
        return this == OPEN || this == PARTLY_OPEN;
    }
}
