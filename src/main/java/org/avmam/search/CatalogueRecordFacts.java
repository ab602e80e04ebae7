package org.avmam.search;

import jakarta.enterprise.context.ApplicationScoped;
import org.avmam.asset.Asset;
import org.avmam.review.RecordFacts;

/** Open review's record facts, read as the search documents read them. */
@ApplicationScoped
public class CatalogueRecordFacts implements RecordFacts {

    @Override
    public Facts of(Asset asset) {
        SearchDocuments.RecordFacts f = SearchDocuments.facts(asset);
        return new Facts(f.fonds(), f.date());
    }
}
