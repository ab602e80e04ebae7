package org.avmam.common;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Values of native-query rows, which PostgreSQL's and H2's drivers hand over as different types. */
public final class NativeRows {

    private NativeRows() {}

    /** A UUID column: PostgreSQL gives a UUID, H2 its 16 bytes. */
    public static UUID uuid(Object o) {
        if (o instanceof UUID u) {
            return u;
        }
        if (o instanceof byte[] b && b.length == 16) {
            ByteBuffer buf = ByteBuffer.wrap(b);
            return new UUID(buf.getLong(), buf.getLong());
        }
        return UUID.fromString(o.toString());
    }

    /** The rows of a native query of several columns. */
    @SuppressWarnings("unchecked")
    public static java.util.List<Object[]> of(jakarta.persistence.Query query) {
        return (java.util.List<Object[]>) query.getResultList();
    }

    /** A timestamp-with-time-zone column, or null. */
    public static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalArgumentException("not a timestamp: " + o.getClass());
    }
}
