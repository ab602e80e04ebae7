package org.avmam.common;

import java.util.ArrayList;
import java.util.List;

/** Joining argument lists (a tool's name, its input, its output options). */
public final class Lists {

    private Lists() {}

    @SafeVarargs
    public static <T> List<T> concat(List<? extends T>... parts) {
        List<T> out = new ArrayList<>();
        for (List<? extends T> p : parts) {
            out.addAll(p);
        }
        return out;
    }
}
