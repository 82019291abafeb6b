package dev.explorer.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.pool.search.Oracle;
import dev.explorer.pool.search.SearchResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The experiment's upper reference: relevant images only, a seeded order per query, pages in turn. */
class OracleTest {
    static final List<PoolEntry> ENTRIES = new ArrayList<>();
    static final List<EvalEntry> TRUTH = new ArrayList<>();

    static {
        for (int i = 0; i < 100; i++) {
            String id = String.format("%016x", i);
            String source = i % 2 == 0 ? "fashion-mnist" : "openmoji";
            String topic = i % 4 < 2 ? "footwear" : "clothing"; // 0,1 footwear; 2,3 clothing
            ENTRIES.add(new PoolEntry(id, source, "CC0", "image " + i, List.of(), List.of(), false, 28, 28));
            TRUTH.add(new EvalEntry(id, source, "k" + i, "t", topic));
        }
    }

    static List<String> ids(SearchResult r) {
        return r.hits().stream().map(h -> h.entry().id()).toList();
    }

    @Test
    void servesOnlyRelevantImagesPageAfterPageWithoutRepeats() {
        Oracle o = Oracle.of(ENTRIES, TRUTH, Set.of("footwear"), Set.of(), 0);
        assertEquals(50, o.size());
        Set<String> relevant = new HashSet<>();
        TRUTH.stream().filter(e -> e.topic().equals("footwear")).forEach(e -> relevant.add(e.id()));
        Set<String> seen = new HashSet<>();
        for (int page = 0; page < 5; page++) {
            SearchResult r = o.search("Shoe", 10, page);
            assertEquals(10, r.hits().size());
            assertEquals(50, r.total());
            assertTrue(relevant.containsAll(ids(r)));
            seen.addAll(ids(r));
        }
        assertEquals(50, seen.size()); // five pages of ten: every relevant image once
        assertEquals(ids(o.search("shoe", 10, 0)), ids(o.search("Shoe", 10, 5))); // then it wraps around
        // deterministic, different per query and per seed
        assertEquals(ids(o.search("shoe", 10, 2)), ids(Oracle.of(ENTRIES, TRUTH, Set.of("footwear"), Set.of(), 0)
                .search("shoe", 10, 2)));
        assertNotEquals(ids(o.search("shoe", 10, 0)), ids(o.search("hat", 10, 0)));
        assertNotEquals(ids(o.search("shoe", 10, 0)),
                ids(Oracle.of(ENTRIES, TRUTH, Set.of("footwear"), Set.of(), 1).search("shoe", 10, 0)));
        // a page larger than the relevant set holds each once
        assertEquals(50, new HashSet<>(ids(o.search("x", 100, 0))).size());
    }

    @Test
    void topicsAndSourcesBothFilterAndNoMatchIsRefused() {
        Oracle both = Oracle.of(ENTRIES, TRUTH, Set.of("footwear"), Set.of("fashion-mnist"), 0);
        assertEquals(25, both.size());
        for (SearchResult.Hit h : both.search("q", 25, 0).hits()) {
            int i = Integer.parseInt(h.entry().id(), 16);
            assertTrue(i % 2 == 0 && i % 4 < 2, "image " + i);
        }
        assertEquals(50, Oracle.of(ENTRIES, TRUTH, Set.of(), Set.of("openmoji"), 0).size());
        assertThrows(IllegalArgumentException.class, () -> Oracle.of(ENTRIES, TRUTH, Set.of("animal"), Set.of(), 0));
    }
}
