package org.avmam.review;

import org.avmam.asset.Asset;

/**
 * A record's fonds and date as the catalogue reads them (the description's date, else the
 * camera's, the file's or the batch's), for due dates and statistics. Implemented by search,
 * which already derives them for its documents, so both agree.
 */
public interface RecordFacts {

    record Facts(String fonds, String date) {}

    /** In the caller's transaction. */
    Facts of(Asset asset);
}
