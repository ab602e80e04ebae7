package org.avmam.search;

import java.io.IOException;

/**
 * OpenSearch cannot be reached or is overloaded (connection refused, timeout, 429, 502-504):
 * index updates wait and are sent again; a search answers 503. Anything else OpenSearch refuses is
 * a plain IOException, a fault to fix rather than wait out.
 */
public class SearchUnavailable extends IOException {

    public SearchUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
