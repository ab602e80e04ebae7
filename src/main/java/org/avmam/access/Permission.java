package org.avmam.access;

/** What a role may do; which role may do what is {@link Role}'s matrix, the one place it is decided. */
public enum Permission {
    /** Upload files and create batches. */
    UPLOAD,
    /** Edit descriptions, transcripts, vocabularies and titles. */
    DESCRIBE,
    /** Give archival codes, set fonds, classification and retention; manage fonds. */
    CODE,
    /** Decide open review (open, partly open, close) and see the review lists. */
    REVIEW,
    /** Mark clips and build sequences. */
    CLIP,
    /** Build collections (pull lists). */
    COLLECT,
    /** Export descriptions, clips and packages. */
    EXPORT,
    /** Download originals (of the records the caller may see). */
    DOWNLOAD_ORIGINAL,
    /** See records that are not yet reviewed (staff's working material). */
    SEE_UNREVIEWED,
    /** See CLOSED records and the whole of PARTLY_OPEN ones. */
    SEE_CLOSED,
    /** See records whose security classification is not public. */
    SEE_CLASSIFIED,
    /** Read the use register. */
    READ_USE_REGISTER,
    /** Run the service: jobs, profiles and their rebuilds, reindexing. */
    OPERATE,
    /** Propose and approve disposals of records whose retention has ended; place and lift legal holds. */
    DISPOSE,
    /** Manage accounts and read the audit log. */
    MANAGE_USERS
}
