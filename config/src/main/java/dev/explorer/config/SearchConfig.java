package dev.explorer.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/** How queries are sent to the image search engine. */
public record SearchConfig(
        @Setting("Search engine client: pool-json (the pool's JSON API) or pool-html (its HTML results page)")
        Engine engine,
        @Setting("Base URL of the search engine, e.g. http://127.0.0.1:8765") String endpoint,
        @Setting(value = "Queries sampled per iteration (the paper's M)", min = 1, max = 100_000)
        int queriesPerIteration,
        @Setting(value = "Results requested per query (the paper's Q)", min = 1, max = 1_000) int resultsPerQuery,
        @Setting(value = "A query with fewer results than this is dropped", min = 0, max = 1_000) int minResults,
        @Setting(value = "Failed searches in a row (across iterations) after which the run stops instead of committing "
                + "iterations that learned nothing", min = 1, max = 1_000_000)
        int maxConsecutiveFailures,
        @Setting("A concept queried again asks the engine for its next page of results (false = always the first page, "
                + "as the paper describes)")
        boolean nextPage,
        @Setting(value = "Largest search response read, bytes; counted while streaming, so an endless answer "
                + "fails the search instead of exhausting memory", min = 1_024)
        long maxResponseBytes)
        implements Checked {

    public static final SearchConfig DEFAULTS =
            new SearchConfig(Engine.POOL_JSON, "http://127.0.0.1:8765", 32, 20, 10, 16, true, 8L * 1024 * 1024);

    public enum Engine {
        @JsonProperty("pool-json") POOL_JSON,
        @JsonProperty("pool-html") POOL_HTML
    }

    @Override
    public List<ConfigProblem> check(String path) {
        List<ConfigProblem> out = new ArrayList<>();
        if (minResults > resultsPerQuery) {
            out.add(new ConfigProblem(path + ".minResults", null,
                    "minResults (" + minResults + ") is above resultsPerQuery (" + resultsPerQuery
                            + "), so every query would be dropped",
                    "set " + path + ".minResults to at most " + resultsPerQuery));
        }
        String bad = endpointProblem(endpoint);
        if (bad != null) {
            out.add(new ConfigProblem(path + ".endpoint", null,
                    "'" + endpoint + "' is not a usable http(s) URL: " + bad, "give a URL such as http://127.0.0.1:8765"));
        }
        return out;
    }

    /** Why {@code endpoint} cannot be used as the engine's base URL, or null when it can. */
    static String endpointProblem(String endpoint) {
        if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
            return "the scheme must be http or https";
        }
        try {
            java.net.URI u = new java.net.URI(endpoint);
            if (u.getHost() == null || u.getHost().isEmpty()) {
                return "it has no host";
            }
            if (u.getQuery() != null || u.getFragment() != null) {
                return "a base URL takes no query or fragment";
            }
            return null;
        } catch (java.net.URISyntaxException e) {
            return e.getReason() + " at index " + e.getIndex();
        }
    }
}
