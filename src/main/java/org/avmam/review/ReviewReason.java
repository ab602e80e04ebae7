package org.avmam.review;

/** The controlled list of reasons a review decision gives (开放审核的依据). */
public enum ReviewReason {
    /** Opened: nothing in the record calls for control. */
    NO_RESTRICTION,
    STATE_SECRET,
    PERSONAL_PRIVACY,
    COMMERCIAL_SECRET,
    /** Anything else, said in the free text. */
    OTHER
}
