package dev.explorer.pool.source;

import java.util.ArrayList;
import java.util.List;

/** Deterministic subsets for small pools and tests. */
public final class Sampling {
    private Sampling() {
    }

    /** At most {@code limit} elements spread evenly over the list (all when limit <= 0). */
    public static <T> List<T> evenly(List<T> all, int limit) {
        if (limit <= 0 || limit >= all.size()) {
            return all;
        }
        List<T> out = new ArrayList<>(limit);
        for (int i = 0; i < limit; i++) {
            out.add(all.get((int) ((long) i * all.size() / limit)));
        }
        return out;
    }
}
