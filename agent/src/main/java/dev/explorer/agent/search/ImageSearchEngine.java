package dev.explorer.agent.search;

import java.util.ArrayList;
import java.util.List;

/** An image search engine: text query in, image URLs with captions out. */
public interface ImageSearchEngine extends AutoCloseable {
    /** Largest page the pool server serves; larger requests are split into pages. */
    int MAX_PAGE = 100;

    /** Largest page this engine serves ({@link #MAX_PAGE} for the pool; Openverse 20 anonymously). */
    default int maxPageSize() {
        return MAX_PAGE;
    }

    /** Politeness counters for the report, one per engine; empty for engines without a policy. */
    default java.util.List<dev.explorer.run.EngineStats.Engine> stats() {
        return java.util.List.of();
    }

    /** One page of results: {@code n} per page, page 0 first. */
    SearchPage search(String query, int n, int page) throws SearchException;

    /** The top {@code count} results, fetched page by page until enough or the engine runs out. */
    default SearchPage searchTop(String query, int count) throws SearchException {
        int per = Math.min(count, maxPageSize());
        List<SearchHit> hits = new ArrayList<>(count);
        SearchPage first = null;
        for (int page = 0; hits.size() < count; page++) {
            SearchPage p = search(query, per, page);
            if (first == null) {
                first = p;
            }
            hits.addAll(p.hits().subList(0, Math.min(p.hits().size(), count - hits.size())));
            if (p.hits().size() < per) {
                break;
            }
        }
        return new SearchPage(first.query(), first.total(), List.copyOf(hits));
    }

    /**
     * Results {@code [page * count, (page + 1) * count)}: the {@code page}-th screen of {@code count}
     * results, for a query sent again (page 0 is {@link #searchTop}).
     */
    default SearchPage searchFrom(String query, int count, int page) throws SearchException {
        if (page == 0) {
            return searchTop(query, count);
        }
        if (count <= maxPageSize()) {
            return search(query, count, page);
        }
        long from = (long) page * count;
        int per = maxPageSize();
        List<SearchHit> hits = new ArrayList<>(count);
        SearchPage first = null;
        for (long p = from / per; hits.size() < count; p++) {
            SearchPage got = search(query, per, (int) p);
            if (first == null) {
                first = got;
            }
            int skip = p == from / per ? (int) (from % per) : 0;
            for (int i = skip; i < got.hits().size() && hits.size() < count; i++) {
                hits.add(got.hits().get(i));
            }
            if (got.hits().size() < per) {
                break;
            }
        }
        return new SearchPage(first.query(), first.total(), List.copyOf(hits));
    }

    /** A short name for logs, e.g. "pool-json http://127.0.0.1:8765". */
    String describe();

    @Override
    void close();
}
