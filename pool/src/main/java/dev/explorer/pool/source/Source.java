package dev.explorer.pool.source;

import java.io.IOException;
import java.util.List;

/** A source of pool images (an installed package or a user's folder). */
public interface Source {

    /** Short name used in ids, counts and captions, e.g. {@code openclipart}. */
    String name();

    /** Null when the source can be read; otherwise what is missing and how to install it. */
    String unavailableReason();

    /**
     * The images of this source in a deterministic order.
     *
     * @param limit at most this many, spread evenly over the whole source; 0 or less means all
     */
    List<SourceItem> items(int limit) throws IOException;
}
