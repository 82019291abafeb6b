package dev.explorer.pool.search;

import dev.explorer.pool.PoolEntry;
import java.util.List;

/**
 * One page of results.
 *
 * @param total number of images whose caption matched the query; when the direct matches did
 *              not fill the page, the images matching the query or its WordNet relatives.
 *              Filler results come after these and are not counted.
 * @param hits  the page, best first
 */
public record SearchResult(String query, int page, int n, int total, List<Hit> hits) {

    /** How a result was found. */
    public enum Tier { MATCH, EXPANSION, FILLER }

    public record Hit(PoolEntry entry, float score, Tier tier) {
    }
}
