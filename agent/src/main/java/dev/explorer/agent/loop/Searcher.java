package dev.explorer.agent.loop;

import dev.explorer.agent.search.ImageSearchEngine;
import dev.explorer.agent.search.SearchException;
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

    /** Per query, its page, or null when the search failed. */
    List<SearchPage> search(List<SampledQuery> queries, Progress.Task progress) {
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
                        log.warn("search '{}' failed: {}", q.text(), e.getMessage());
                        return null;
                    } finally {
                        progress.step(1);
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
