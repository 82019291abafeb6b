package dev.explorer.agent.loop;

import dev.explorer.agent.search.ImageSearchEngine;
import dev.explorer.agent.search.SearchException;
import dev.explorer.agent.search.SearchHit;
import dev.explorer.agent.search.SearchPage;
import dev.explorer.config.SearchConfig;
import dev.explorer.config.common.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an iteration's queries to the engine, a few at a time (the engine is I/O bound), and
 * keeps the pages in query order. A failed search drops its query; {@code
 * search.maxConsecutiveFailures} failures in a row (across iterations) stop the run with
 * {@link EngineUnreachableException} instead of committing iterations that learned nothing.
 */
final class Searcher {
    private static final Logger log = LoggerFactory.getLogger(Searcher.class);

    private final ImageSearchEngine engine;
    private final SearchConfig config;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();

    Searcher(ImageSearchEngine engine, SearchConfig config) {
        this.engine = engine;
        this.config = config;
    }

    /**
     * What an iteration's queries brought back.
     *
     * @param pages     per query, its results (its pages joined, cut at its quota), or null when its first search failed
     * @param pagesRead per query, the pages the engine answered (its cursor moves on by as many)
     * @param requests  searches sent, follow-up pages included
     */
    record Results(List<SearchPage> pages, int[] pagesRead, int requests) {}

    /**
     * Per query, its results. With {@code search.maxPagesPerQuery} above 1, a query whose page holds
     * fewer than {@code search.resultsPerQuery} images new to the run (not seen by an earlier
     * iteration, not brought by an earlier query of this iteration) asks for its next page, and so
     * on up to that many pages, and stops at its quota: the budget is spent on images not yet
     * downloaded, and a concept whose first page the run already has still finds new ones. Pages are
     * read in rounds (every query's first page, then the second pages of those still short, ...), and
     * images are claimed in the order (round, query), so the outcome does not depend on thread timing.
     */
    Results search(List<SampledQuery> queries, SeenImages seen, Progress.Task progress) {
        int n = queries.size();
        int quota = config.resultsPerQuery();
        SearchPage[] first = new SearchPage[n]; // its query text and total, as the engine reported them
        List<List<SearchHit>> hits = new ArrayList<>();
        int[] pagesRead = new int[n];
        int[] fresh = new int[n];
        boolean[] more = new boolean[n];
        java.util.Arrays.fill(more, true);
        java.util.Set<String> claimed = new java.util.HashSet<>();
        for (int q = 0; q < n; q++) {
            hits.add(new ArrayList<>());
        }
        int requests = 0;
        for (int round = 0; round < config.maxPagesPerQuery(); round++) {
            List<Integer> ask = new ArrayList<>();
            for (int q = 0; q < n; q++) {
                if (more[q] && (round == 0 || fresh[q] < quota)) {
                    ask.add(q);
                }
            }
            if (ask.isEmpty()) {
                break;
            }
            final int r = round;
            List<SearchPage> answers = fetch(ask.stream().map(q -> queries.get(q).withPage(queries.get(q).page() + r))
                    .toList(), round == 0 ? progress : null);
            requests += ask.size();
            for (int i = 0; i < ask.size(); i++) {
                int q = ask.get(i);
                SearchPage page = answers.get(i);
                if (page == null) {
                    more[q] = false; // a failed first page drops the query; a failed later page keeps what it has
                    continue;
                }
                if (first[q] == null) {
                    first[q] = page;
                }
                pagesRead[q]++;
                more[q] = page.hits().size() >= quota; // a short page is the engine's last
                for (SearchHit h : page.hits()) {
                    if (fresh[q] >= quota) {
                        break;
                    }
                    hits.get(q).add(h);
                    if (!seen.url(h.imageUrl()) && claimed.add(h.imageUrl())) {
                        fresh[q]++;
                    }
                }
            }
        }
        List<SearchPage> pages = new ArrayList<>(n);
        for (int q = 0; q < n; q++) {
            pages.add(first[q] == null ? null : new SearchPage(first[q].query(), first[q].total(), List.copyOf(hits.get(q))));
        }
        return new Results(pages, pagesRead, requests);
    }

    /** Per query, the page it asks for, or null when the search failed; searches a few at a time. */
    private List<SearchPage> fetch(List<SampledQuery> queries, Progress.Task progress) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(4, Math.max(1, queries.size())));
        String[] lastError = new String[1];
        try {
            List<Future<SearchPage>> futures = new ArrayList<>();
            for (SampledQuery q : queries) {
                futures.add(pool.submit(() -> {
                    try {
                        if (consecutiveFailures.get() >= config.maxConsecutiveFailures()) {
                            return null; // the run stops below; do not keep hammering a dead engine
                        }
                        SearchPage page = engine.searchFrom(q.text(), config.resultsPerQuery(), q.page());
                        consecutiveFailures.set(0);
                        return page;
                    } catch (SearchException e) {
                        consecutiveFailures.incrementAndGet();
                        lastError[0] = e.getMessage();
                        log.warn("search '{}' (page {}) failed: {}", q.text(), q.page(), e.getMessage());
                        return null;
                    } finally {
                        if (progress != null) {
                            progress.step(1);
                        }
                    }
                }));
            }
            List<SearchPage> out = new ArrayList<>();
            for (Future<SearchPage> f : futures) {
                out.add(f.get());
            }
            if (consecutiveFailures.get() >= config.maxConsecutiveFailures()) {
                throw new EngineUnreachableException("the search engine " + engine.describe() + " failed "
                        + consecutiveFailures.get() + " searches in a row (search.maxConsecutiveFailures="
                        + config.maxConsecutiveFailures() + "); last error: " + lastError[0]
                        + ". Nothing of this iteration was committed. Check that the engine is running, then continue with "
                        + "explorer resume RUN_DIR (add --set search.endpoint=URL if it moved; a real engine over its budget or "
                        + "with an open circuit breaker needs time, or search.budgets)");
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while searching", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("search failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
