package org.avmam.common;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A Panache query made of the filters a listing was given: only the present ones count. */
public final class Where {

    private final List<String> clauses = new ArrayList<>();
    private final Map<String, Object> params = new HashMap<>();

    /** Adds {@code clause} (naming {@code :name}) when {@code value} is not null. */
    public Where and(String clause, String name, Object value) {
        if (value != null) {
            clauses.add(clause);
            params.put(name, value);
        }
        return this;
    }

    public String query(String orderBy) {
        return (clauses.isEmpty() ? "" : String.join(" and ", clauses) + " ") + orderBy;
    }

    public Map<String, Object> params() {
        return params;
    }
}
