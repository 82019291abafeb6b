package dev.explorer.agent.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.explorer.agent.sample.Draw;
import dev.explorer.agent.search.ImageSearchEngine;
import dev.explorer.agent.search.SearchException;
import dev.explorer.agent.search.SearchHit;
import dev.explorer.agent.search.SearchPage;
import dev.explorer.config.SearchConfig;
import dev.explorer.config.common.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * search.maxPagesPerQuery: a query whose page the run already has reads on until it brings
 * resultsPerQuery images new to the run, and no further. The engine is an in-process table (a
 * query's results are fixed lists of URLs): what is tested is the paging arithmetic, not HTTP.
 */
class SearcherTest {

    /** Query text to its full ranked list of image names; pages of any size are cut from it. */
    static final class TableEngine implements ImageSearchEngine {
        final Map<String, List<String>> results;
        final AtomicInteger requests = new AtomicInteger();
        final Map<String, Integer> failPage = new ConcurrentHashMap<>();

        TableEngine(Map<String, List<String>> results) {
            this.results = results;
        }

        @Override
        public SearchPage search(String query, int n, int page) throws SearchException {
            requests.incrementAndGet();
            if (failPage.getOrDefault(query, -1) == page) {
                throw new SearchException("503 for " + query + " page " + page);
            }
            List<String> all = results.getOrDefault(query, List.of());
            List<SearchHit> hits = new ArrayList<>();
            for (int i = page * n; i < Math.min(all.size(), (page + 1) * n); i++) {
                hits.add(new SearchHit(all.get(i), "http://web/" + all.get(i) + ".png", all.get(i), null));
            }
            return new SearchPage(query, all.size(), hits);
        }

        @Override
        public String describe() {
            return "table";
        }

        @Override
        public void close() {}
    }

    static List<String> names(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + i).toList();
    }

    static SampledQuery query(String text, int page) {
        return new SampledQuery(Draw.concept(0, 1.0), text, text, text, null, null, page);
    }

    static SearchConfig config(int resultsPerQuery, int maxPages) {
        SearchConfig d = SearchConfig.DEFAULTS;
        return new SearchConfig(d.engine(), d.endpoint(), d.queriesPerIteration(), resultsPerQuery, 1,
                d.maxConsecutiveFailures(), true, maxPages, d.maxResponseBytes(), d.engines(), d.openverseUrl(),
                d.openverseTokenEnv(), d.wikimediaUrl(), d.flickrUrl(), d.flickrKeyEnv(), d.clipRetrievalUrl(),
                d.clipRetrievalIndex(), d.htmlUrl(), d.htmlResult(), d.htmlImage(), d.htmlCaption(), d.htmlPage(),
                d.licences(), d.budgets(), d.retries(), d.backoffMs(), d.maxBackoffMs(), d.breakerFailures(),
                d.breakerCooldownMs(), d.thumbnailWidth());
    }

    static List<String> urls(SearchPage p) {
        return p.hits().stream().map(SearchHit::id).toList();
    }

    static Progress.Task task() {
        return Progress.silent().start("search", 2, "queries");
    }

    @Test
    void aQueryReadsOnPastImagesTheRunHasUntilItsQuotaIsNew() {
        // "moth" ranks m0..m29; "luna moth" ranks m0..m3 first (the same images), then l0..l9
        List<String> luna = new ArrayList<>(names("m", 0, 4));
        luna.addAll(names("l", 0, 10));
        TableEngine engine = new TableEngine(Map.of("moth", names("m", 0, 30), "luna moth", luna));
        SeenImages seen = new SeenImages();
        seen.add("http://web/l0.png", "sha-l0"); // an earlier iteration downloaded l0

        Searcher.Results r = new Searcher(engine, config(4, 3)).search(List.of(query("moth", 0), query("luna moth", 0)),
                seen, task());

        assertEquals(List.of("m0", "m1", "m2", "m3"), urls(r.pages().get(0)), "moth's first page is all new");
        // luna moth page 0 = m0..m3 (claimed by moth), page 1 = l0 (seen) l1 l2 l3, page 2 = l4 .. cut at the quota
        assertEquals(List.of("m0", "m1", "m2", "m3", "l0", "l1", "l2", "l3", "l4"), urls(r.pages().get(1)));
        assertArrayEquals(new int[] {1, 3}, r.pagesRead(), "the cursor moves on by the pages read");
        assertEquals(4, r.requests());
        assertEquals(4, engine.requests.get());
        List<String> toDownload = Harvest.distinctUrls(r.pages(), 1, seen);
        assertEquals(8, toDownload.size(), "both queries bring their quota of 4 new images: " + toDownload);
    }

    @Test
    void onePageIsThePapersBehaviourAndAShortPageEndsTheReading() {
        TableEngine engine = new TableEngine(Map.of("moth", names("m", 0, 30), "luna moth", names("m", 0, 6)));
        SeenImages seen = new SeenImages();
        Searcher.Results one = new Searcher(engine, config(4, 1)).search(List.of(query("moth", 0), query("luna moth", 0)),
                seen, task());
        assertEquals(List.of("m0", "m1", "m2", "m3"), urls(one.pages().get(1)), "one page: the same page, all of it claimed");
        assertArrayEquals(new int[] {1, 1}, one.pagesRead());

        Searcher.Results many = new Searcher(engine, config(4, 5)).search(List.of(query("moth", 0), query("luna moth", 0)),
                seen, task());
        // luna moth: page 0 m0..m3 (claimed), page 1 m4 m5 (two new, a short page: the engine has no more)
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4", "m5"), urls(many.pages().get(1)));
        assertArrayEquals(new int[] {1, 2}, many.pagesRead());
        assertEquals(3, many.requests());
    }

    @Test
    void aFailedFollowUpPageKeepsWhatTheQueryHasAndAFailedFirstPageDropsIt() {
        TableEngine engine = new TableEngine(Map.of("moth", names("m", 0, 30), "luna moth", names("m", 0, 30),
                "owl", names("o", 0, 30)));
        engine.failPage.put("luna moth", 1);
        engine.failPage.put("owl", 0);
        Searcher.Results r = new Searcher(engine, config(4, 3)).search(
                List.of(query("moth", 0), query("luna moth", 0), query("owl", 0)), new SeenImages(), task());
        assertEquals(List.of("m0", "m1", "m2", "m3"), urls(r.pages().get(1)), "page 1 failed: page 0 stays");
        assertNull(r.pages().get(2), "no first page: the query is dropped as before");
        assertArrayEquals(new int[] {1, 1, 0}, r.pagesRead());
    }

    @Test
    void aConceptAskedAgainStartsAtItsCursor() {
        TableEngine engine = new TableEngine(Map.of("moth", names("m", 0, 30)));
        Searcher.Results r = new Searcher(engine, config(4, 3)).search(List.of(query("moth", 2)), new SeenImages(), task());
        assertEquals(List.of("m8", "m9", "m10", "m11"), urls(r.pages().get(0)));
    }
}
