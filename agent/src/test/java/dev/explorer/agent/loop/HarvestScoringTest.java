package dev.explorer.agent.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.agent.download.Candidate;
import dev.explorer.agent.download.DecodedImage;
import dev.explorer.agent.download.DownloadResult;
import dev.explorer.agent.download.FailureKind;
import dev.explorer.agent.sample.Draw;
import dev.explorer.agent.search.SearchHit;
import dev.explorer.agent.search.SearchPage;
import dev.explorer.run.QueryRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The query/URL join and the scoring, on plain data: no server, no encoder. */
class HarvestScoringTest {

    static SearchPage page(String... urls) {
        List<SearchHit> hits = new ArrayList<>();
        for (String u : urls) {
            hits.add(new SearchHit("id-" + u, u, "caption " + u, null));
        }
        return new SearchPage("q", urls.length, hits);
    }

    static DownloadResult ok(String url) {
        return new DownloadResult(url, Candidate.of(url, "sha-" + url, 0L, 0, "png",
                new DecodedImage(1, 1, new int[] {0xFFFFFF}, 1, 1)), null, null, 1);
    }

    static DownloadResult fail(String url, FailureKind kind) {
        return new DownloadResult(url, null, kind, "detail", 1);
    }

    static SampledQuery query(int concept) {
        return new SampledQuery(Draw.concept(concept, 0.25), "c" + concept, "lemma" + concept, "text" + concept, null, null, 0);
    }

    // queries: 0 = a, b, c (b shared with query 1; c failed); 1 = b, d; 2 = search error; 3 = one hit (too few);
    // 4 = e, f, both failed (every image of the query failed)
    static final List<SearchPage> PAGES = Arrays.asList(page("a", "b", "c"), page("b", "d"), null, page("x"),
            page("e", "f"));
    static final List<DownloadResult> RESULTS = List.of(ok("a"), ok("b"), fail("c", FailureKind.TIMEOUT), ok("d"),
            fail("e", FailureKind.DECODE_ERROR), fail("f", FailureKind.DUPLICATE));

    @Test
    void distinctUrlsOncePerUrlInQueryOrderSkippingPagesThatDoNotCount() {
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), Harvest.distinctUrls(PAGES, 2, new SeenImages()));
        assertEquals(List.of("a", "b", "c", "d", "x", "e", "f"), Harvest.distinctUrls(PAGES, 1, new SeenImages()));
    }

    @Test
    void joinCreditsASharedUrlToEveryQueryAndNamesEveryDropReason() {
        List<Harvest.QueryResults> j = Harvest.join(PAGES, 2, RESULTS, new SeenImages());
        assertEquals(5, j.size());
        // rows: a=0, b=1, d=2 (accepted results in order)
        assertArrayEquals(new int[] {0, 1, -1}, j.get(0).candidate());
        assertArrayEquals(new String[] {null, null, "timeout"}, j.get(0).failure());
        assertArrayEquals(new int[] {1, 2}, j.get(1).candidate()); // b again: the same row, credited to both
        assertEquals(Harvest.SEARCH_ERROR, j.get(2).dropped());
        assertEquals(0, j.get(2).hits().size());
        assertEquals(Harvest.TOO_FEW_RESULTS, j.get(3).dropped());
        assertEquals(1, j.get(3).hits().size());
        assertNull(j.get(4).dropped());
        assertArrayEquals(new int[] {-1, -1}, j.get(4).candidate());
        assertArrayEquals(new String[] {"decode-error", "duplicate"}, j.get(4).failure());
    }

    @Test
    void scoringKeepsTheTopShareAndScoresEachQueryFromItsOwnImages() {
        List<Harvest.QueryResults> j = Harvest.join(PAGES, 2, RESULTS, new SeenImages());
        List<SampledQuery> qs = List.of(query(0), query(1), query(2), query(3), query(4));
        float[] reward = {0.2f, 0.9f, 0.5f}; // rows a, b, d
        Scoring s = Scoring.of(7, qs, j, List.of("sha-a", "sha-b", "sha-d"), reward, 10, 0.5, true);
        assertArrayEquals(new int[] {1, 2, 0}, s.order());
        assertEquals(1, s.keepCount()); // floor(3 * 0.5)
        assertArrayEquals(new boolean[] {false, true, false}, s.kept());
        assertEquals((0.2 + 0.9) / 2, s.scores().get(0), 1e-6);
        assertEquals((0.9 + 0.5) / 2, s.scores().get(1), 1e-6);
        assertNull(s.scores().get(2));
        assertNull(s.scores().get(3));
        assertNull(s.scores().get(4));
        assertEquals(2, s.scored());
        assertEquals(0.7, s.bestScore(), 1e-6);

        QueryRecord r0 = s.records().get(0);
        assertEquals(7, r0.iteration());
        assertEquals(3, r0.hits());
        assertEquals(2, r0.downloaded());
        assertEquals(Map.of("timeout", 1), r0.failures());
        assertEquals("sha-b", r0.images().get(1).sha256());
        assertTrue(r0.images().get(1).kept());
        assertFalse(r0.images().get(0).kept());
        assertEquals("timeout", r0.images().get(2).failure());
        assertEquals(Harvest.SEARCH_ERROR, s.records().get(2).dropped());
        assertEquals(Harvest.TOO_FEW_RESULTS, s.records().get(3).dropped());
        assertEquals(1, s.records().get(3).hits());
        QueryRecord allFailed = s.records().get(4);
        assertEquals(Scoring.NO_IMAGES, allFailed.dropped());
        assertEquals(0, allFailed.downloaded());
        assertNull(allFailed.rewards());
        assertEquals(Map.of("decode-error", 1, "duplicate", 1), allFailed.failures());
    }

    @Test
    void topNLimitsTheScoreAndTiesKeepTheLowerRow() {
        List<Harvest.QueryResults> j = Harvest.join(List.of(page("a", "b", "d")), 1, RESULTS, new SeenImages());
        Scoring s = Scoring.of(0, List.of(query(0)), j, List.of("sha-a", "sha-b", "sha-d"), new float[] {0.4f, 0.4f, 0.1f},
                2, 0.34, true);
        assertEquals(0.4, s.scores().get(0), 1e-6); // top 2 of {0.4, 0.4, 0.1}
        assertArrayEquals(new boolean[] {true, false, false}, s.kept()); // floor(3 * 0.34) = 1, tie -> row 0
    }

    @Test
    void aSeenResultCountsAsTheIterationMeanOrItsLowestReward() {
        SeenImages seen = new SeenImages();
        seen.add("s1", "sha-old1");
        seen.add("s2", "sha-old2");
        // query 0: one new image (a) and two the run already had; query 1: b and d, both new
        List<SearchPage> pages = List.of(page("a", "s1", "s2"), page("b", "d"));
        List<DownloadResult> results = List.of(ok("a"), ok("b"), ok("d"));
        List<Harvest.QueryResults> j = Harvest.join(pages, 1, results, seen);
        assertArrayEquals(new String[] {null, SeenImages.SEEN, SeenImages.SEEN}, j.get(0).failure());
        float[] reward = {0.9f, 0.6f, 0.0f}; // rows a, b, d: mean 0.5, lowest 0.0
        List<SampledQuery> qs = List.of(query(0), query(1));
        List<String> sha = List.of("sha-a", "sha-b", "sha-d");

        Scoring mean = Scoring.of(0, qs, j, sha, reward, 3, 0.5, true, false);
        assertEquals((0.9 + 0.5 + 0.5) / 3, mean.scores().get(0), 1e-6);
        Scoring min = Scoring.of(0, qs, j, sha, reward, 3, 0.5, true, true);
        assertEquals((0.9 + 0.0 + 0.0) / 3, min.scores().get(0), 1e-6);
        // a query without seen results is scored from its own images either way
        assertEquals((0.6 + 0.0) / 2, min.scores().get(1), 1e-6);
        assertEquals(mean.scores().get(1), min.scores().get(1));
        // credit=all: the seen results are simply not there
        assertEquals(0.9, Scoring.of(0, qs, j, sha, reward, 3, 0.5, false, true).scores().get(0), 1e-6);
    }
}
