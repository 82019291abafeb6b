package dev.explorer.pool.search;

import dev.explorer.pool.EvalEntry;
import dev.explorer.pool.PoolEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The upper reference of the representation experiment, NOT a search method: it answers every
 * query with a page of the pool's relevant images, chosen by the ground truth ({@code eval.jsonl})
 * that a real engine does not have. A run against it measures what training on the right images
 * is worth when the loop, its budget and its schedule stay unchanged.
 *
 * <p>Each query gets its own order of the relevant images, a permutation seeded by the oracle's
 * seed and the query text; page p is the p-th slice of it, wrapping around when the images run
 * out. So the next page of a query brings images it has not brought before, different queries
 * bring different images, and the same query always gets the same answer (runs are reproducible
 * and resumable).
 */
public final class Oracle {
    private final List<PoolEntry> relevant;
    private final long seed;
    private final String description;

    private Oracle(List<PoolEntry> relevant, long seed, String description) {
        this.relevant = relevant;
        this.seed = seed;
        this.description = description;
    }

    /**
     * The images whose ground truth has one of {@code topics} (any when empty) and comes from one
     * of {@code sources} (any when empty), in the pool's order.
     *
     * @throws IllegalArgumentException when no image qualifies
     */
    public static Oracle of(List<PoolEntry> entries, List<EvalEntry> truth, Set<String> topics, Set<String> sources,
            long seed) {
        java.util.Map<String, EvalEntry> byId = new java.util.HashMap<>();
        for (EvalEntry e : truth) {
            byId.put(e.id(), e);
        }
        List<PoolEntry> rel = new ArrayList<>();
        for (PoolEntry p : entries) {
            EvalEntry e = byId.get(p.id());
            if (e != null && (topics.isEmpty() || topics.contains(e.topic()))
                    && (sources.isEmpty() || sources.contains(e.source()))) {
                rel.add(p);
            }
        }
        String what = (topics.isEmpty() ? "" : "topics " + String.join(",", topics))
                + (topics.isEmpty() || sources.isEmpty() ? "" : " from ")
                + (sources.isEmpty() ? "" : "sources " + String.join(",", sources));
        if (rel.isEmpty()) {
            throw new IllegalArgumentException("the pool's ground truth has no image of " + what);
        }
        return new Oracle(List.copyOf(rel), seed, rel.size() + " relevant images (" + what + "), seed " + seed);
    }

    /** How many images it serves from. */
    public int size() {
        return relevant.size();
    }

    /** E.g. "4500 relevant images (topics footwear), seed 0". */
    public String description() {
        return description;
    }

    /** Page {@code page} of {@code n} relevant images for {@code query}; every page is full (at most all of them). */
    public SearchResult search(String query, int n, int page) {
        if (n < 1 || page < 0) {
            throw new IllegalArgumentException("n must be >= 1 and page >= 0");
        }
        String q = query.strip().toLowerCase(Locale.ROOT);
        int r = relevant.size();
        int[] order = new int[r];
        for (int i = 0; i < r; i++) {
            order[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + q.hashCode());
        for (int i = r - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int count = Math.min(n, r);
        long from = (long) page * n;
        List<SearchResult.Hit> hits = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            hits.add(new SearchResult.Hit(relevant.get(order[(int) ((from + k) % r)]), 1f, SearchResult.Tier.MATCH));
        }
        return new SearchResult(query, page, n, r, hits);
    }
}
