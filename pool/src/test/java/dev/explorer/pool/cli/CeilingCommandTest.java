package dev.explorer.pool.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ceiling's policies and measures on a hand-made table of result pages. */
class CeilingCommandTest {

    // images 0-5 relevant, 10-19 not. "a" and "b" are synonyms (same first page); "c" holds the rest.
    private static final Map<String, int[][]> PAGES = Map.of(
            "a", new int[][] {{0, 1, 2, 10}, {3, 11, 12, 13}},
            "b", new int[][] {{0, 1, 2, 10}, {14, 15, 16, 17}},
            "c", new int[][] {{4, 5, 18, 19}, {}},
            "d", new int[][] {{10, 11, 12, 13}, {}});
    private static final List<String> LEMMAS = List.of("a", "b", "c", "d");

    private static final CeilingCommand.PageSource SOURCE = (lemma, page) -> {
        int[][] p = PAGES.get(lemma);
        return page < p.length ? p[page] : new int[0];
    };

    private static BitSet relevant() {
        BitSet rel = new BitSet();
        rel.set(0, 6);
        return rel;
    }

    private static int[] firstGain() throws Exception {
        int[] g = new int[LEMMAS.size()];
        for (int l = 0; l < g.length; l++) {
            g[l] = CeilingCommand.count(SOURCE.get(LEMMAS.get(l), 0), relevant(), null);
        }
        return g;
    }

    @Test
    void theOracleSkipsASynonymWhosePageItAlreadyHas() throws Exception {
        // two queries an iteration: "a" (3 new relevant), then "c" (2), not "b" (0 new: same page as "a")
        List<List<int[]>> run = CeilingCommand.oracle(LEMMAS, firstGain(), SOURCE, relevant(), 2, 2);
        assertEquals(2, run.get(0).size());
        assertArrayEquals(new int[] {0, 1, 2, 10}, run.get(0).get(0));
        assertArrayEquals(new int[] {4, 5, 18, 19}, run.get(0).get(1));
        // iteration 2: "a" again reads its next page (image 3); nothing else has a relevant image left
        assertEquals(1, run.get(1).size());
        assertArrayEquals(new int[] {3, 11, 12, 13}, run.get(1).get(0));

        List<CeilingCommand.Row> rows = CeilingCommand.measure(run, relevant());
        CeilingCommand.Row first = rows.get(0);
        assertEquals(8, first.results());
        assertEquals(8, first.distinct());
        assertEquals(5, first.newRelevant());
        assertEquals(5 / 8.0, first.relevantDistinctShare(), 1e-12);
        CeilingCommand.Row second = rows.get(1);
        assertEquals(4, second.fresh());
        assertEquals(1, second.newRelevant());
        assertEquals(6, second.uniqueRelevant());
    }

    @Test
    void imagesSeenInAnEarlierIterationAreNotNewAndCountOnceInTheTotal() {
        List<List<int[]>> run = List.of(
                List.of(new int[] {0, 1, 10}, new int[] {0, 1, 11}), // a page twice within one iteration
                List.of(new int[] {0, 2, 12}));
        List<CeilingCommand.Row> rows = CeilingCommand.measure(run, relevant());
        assertEquals(6, rows.get(0).results());
        assertEquals(4, rows.get(0).distinct());
        assertEquals(0.5, rows.get(0).relevantDistinctShare(), 1e-12);
        assertEquals(2, rows.get(0).uniqueRelevant());
        assertEquals(3, rows.get(1).distinct());
        assertEquals(2, rows.get(1).fresh()); // image 0 was had
        assertEquals(0.5, rows.get(1).relevantNewShare(), 1e-12);
        assertEquals(1, rows.get(1).newRelevant());
        assertEquals(3, rows.get(1).uniqueRelevant());
    }

    @Test
    void randomAndTieredPoliciesSendDistinctQueriesAndReadOnWhenTheyRepeat() throws Exception {
        List<List<int[]>> run = CeilingCommand.random(LEMMAS, SOURCE, new SplittableRandom(1), 2, 4);
        // all four lemmas each iteration: the second iteration reads every lemma's second page
        assertEquals(4, run.get(0).size());
        int results = run.get(1).stream().mapToInt(h -> h.length).sum();
        assertEquals(8, results);
        // tiers [1, 2]: the best lemma takes 80% of the draws, but a query is sent once an iteration
        List<List<int[]>> tiered = CeilingCommand.tiered(List.of(1, 2), LEMMAS, firstGain(), SOURCE,
                new SplittableRandom(2), 3, 2);
        for (List<int[]> it : tiered) {
            assertEquals(2, it.size());
        }
    }
}
