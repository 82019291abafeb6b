package dev.explorer.agent.search;

import dev.explorer.config.SearchConfig;
import java.time.Duration;

/** Builds the engine client that {@code search.engine} names. */
public final class SearchEngines {
    /** Connect and read timeout of a search request (the pool answers in milliseconds). */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private SearchEngines() {}

    public static ImageSearchEngine create(SearchConfig config) {
        return switch (config.engine()) {
            case POOL_JSON -> new PoolJsonEngine(config.endpoint(), TIMEOUT, config.maxResponseBytes());
            case POOL_HTML -> new PoolHtmlEngine(config.endpoint(), TIMEOUT, config.maxResponseBytes());
        };
    }
}
