package dev.explorer.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/** How queries are sent to the image search engine. */
public record SearchConfig(
        @Setting("Search engine client: pool-json (the offline pool's JSON API, the default), pool-html (its HTML results "
                + "page), openverse, wikimedia, flickr, clip-retrieval (a self-hosted /knn-service) or html (a results page "
                + "scraped with the search.html* selectors)")
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
        @Setting(value = "Pages a query may read to bring search.resultsPerQuery images new to the run: when results "
                + "already downloaded (by an earlier iteration, or by an earlier query of this iteration) leave it short, it "
                + "asks for its next page, up to this many pages in all, and stops at its quota (1 = one page per query, "
                + "as the paper, and the default: on T1 over seeds 0-2, 3 pages gave the GP 574 +- 177 unique relevant "
                + "images against 550 +- 74 with 1 page, no effect either way; docs/experiments.md, sessions 17-18)",
                min = 1, max = 100)
        int maxPagesPerQuery,
        @Setting(value = "Largest search response read, bytes; counted while streaming, so an endless answer "
                + "fails the search instead of exhausting memory", min = 1_024)
        long maxResponseBytes,
        @Setting("Engines mixed with weights, e.g. [openverse:0.5, wikimedia:0.5]; each query goes to one of them, drawn "
                + "by weight from the query text (so a concept's next page comes from the same engine); empty = search.engine alone")
        List<String> engines,
        @Setting("Openverse image search URL") String openverseUrl,
        @Setting("Environment variable holding an Openverse OAuth access token (empty or unset = anonymous: 20 results "
                + "per page, about 100 requests a day)") String openverseTokenEnv,
        @Setting("Wikimedia Commons API URL") String wikimediaUrl,
        @Setting("Flickr REST API URL") String flickrUrl,
        @Setting("Environment variable holding the Flickr API key (required for search.engine=flickr)") String flickrKeyEnv,
        @Setting(value = "URL of a self-hosted clip-retrieval /knn-service (knn.laion.ai is down since Dec 2023)",
                optional = true) String clipRetrievalUrl,
        @Setting("clip-retrieval index name (indice_name), e.g. laion5B-L-14") String clipRetrievalIndex,
        @Setting(value = "Results page for search.engine=html; {q} is replaced by the URL-encoded query and {page} by the "
                + "1-based page number, e.g. https://example.org/search?q={q}&p={page}", optional = true) String htmlUrl,
        @Setting("CSS selector of one result on the html engine's page") String htmlResult,
        @Setting("CSS selector, inside a result, of the element whose src (or href) is the image URL") String htmlImage,
        @Setting("CSS selector, inside a result, of the caption text (empty = the image's alt text)") String htmlCaption,
        @Setting("CSS selector, inside a result, of the link to the source page") String htmlPage,
        @Setting("Licences accepted, e.g. [cc0, pdm, by, by-sa]; sent to the engine where its API filters and checked "
                + "again on every result (a result with an unknown licence is then dropped); empty = any")
        List<String> licences,
        @Setting("Request budgets per engine, e.g. [openverse:5/hour, openverse:100/day, flickr:3600/hour]; they replace "
                + "an engine's documented defaults (engines list them); a search over budget is dropped, not sent")
        List<String> budgets,
        @Setting(value = "Retries of a search answered 429/5xx or not at all; Retry-After is honoured, otherwise the "
                + "wait doubles from search.backoffMs with jitter", min = 0, max = 10) int retries,
        @Setting(value = "First wait before retrying a search, milliseconds", min = 0, max = 600_000) int backoffMs,
        @Setting(value = "Longest wait before a retry, milliseconds (a longer Retry-After fails the search instead)",
                min = 0, max = 3_600_000) int maxBackoffMs,
        @Setting(value = "Failed searches in a row after which an engine's circuit breaker opens and its searches fail "
                + "at once, without a request", min = 1, max = 10_000) int breakerFailures,
        @Setting(value = "How long an open circuit breaker stays open before one trial search, milliseconds",
                min = 0, max = 86_400_000) int breakerCooldownMs,
        @Setting(value = "Width of the thumbnail asked for (Commons iiurlwidth, the smallest Flickr size at least this "
                + "wide): the encoder needs a few hundred pixels, never the original", min = 16, max = 4_096)
        int thumbnailWidth)
        implements Checked {

    public static final SearchConfig DEFAULTS =
            new SearchConfig(Engine.POOL_JSON, "http://127.0.0.1:8765", 32, 20, 10, 16, true, 1, 8L * 1024 * 1024,
                    List.of(), "https://api.openverse.org/v1/images/", "OPENVERSE_TOKEN",
                    "https://commons.wikimedia.org/w/api.php", "https://api.flickr.com/services/rest/", "FLICKR_API_KEY",
                    null, "laion5B-L-14", null, "li.result", "img[src]", ".caption", "a[href]", List.of(), List.of(),
                    3, 1_000, 60_000, 5, 300_000, 320);

    /** The same settings with another engine and endpoint (tests and the engines command). */
    public SearchConfig withEngine(Engine e, String url) {
        return new SearchConfig(e, e == Engine.POOL_JSON || e == Engine.POOL_HTML ? url : endpoint, queriesPerIteration,
                resultsPerQuery, minResults, maxConsecutiveFailures, nextPage, maxPagesPerQuery, maxResponseBytes, engines,
                e == Engine.OPENVERSE ? url : openverseUrl, openverseTokenEnv, e == Engine.WIKIMEDIA ? url : wikimediaUrl,
                e == Engine.FLICKR ? url : flickrUrl, flickrKeyEnv, e == Engine.CLIP_RETRIEVAL ? url : clipRetrievalUrl,
                clipRetrievalIndex, e == Engine.HTML ? url : htmlUrl, htmlResult, htmlImage, htmlCaption, htmlPage,
                licences, budgets, retries, backoffMs, maxBackoffMs, breakerFailures, breakerCooldownMs, thumbnailWidth);
    }

    /** The same settings with other licences, engines mix and request budgets. */
    public SearchConfig withLists(List<String> licences, List<String> engines, List<String> budgets) {
        return new SearchConfig(engine, endpoint, queriesPerIteration, resultsPerQuery, minResults,
                maxConsecutiveFailures, nextPage, maxPagesPerQuery, maxResponseBytes, engines, openverseUrl, openverseTokenEnv,
                wikimediaUrl, flickrUrl, flickrKeyEnv, clipRetrievalUrl, clipRetrievalIndex, htmlUrl, htmlResult, htmlImage, htmlCaption,
                htmlPage, licences, budgets, retries, backoffMs, maxBackoffMs, breakerFailures, breakerCooldownMs,
                thumbnailWidth);
    }

    /** The same settings with other retry and breaker numbers (tests use zero waits). */
    public SearchConfig withRetries(int retries, int backoffMs, int breakerFailures, int breakerCooldownMs) {
        return new SearchConfig(engine, endpoint, queriesPerIteration, resultsPerQuery, minResults,
                maxConsecutiveFailures, nextPage, maxPagesPerQuery, maxResponseBytes, engines, openverseUrl, openverseTokenEnv,
                wikimediaUrl, flickrUrl, flickrKeyEnv, clipRetrievalUrl, clipRetrievalIndex, htmlUrl, htmlResult, htmlImage, htmlCaption,
                htmlPage, licences, budgets, retries, backoffMs, maxBackoffMs, breakerFailures, breakerCooldownMs,
                thumbnailWidth);
    }

    public enum Engine {
        @JsonProperty("pool-json") POOL_JSON,
        @JsonProperty("pool-html") POOL_HTML,
        @JsonProperty("openverse") OPENVERSE,
        @JsonProperty("wikimedia") WIKIMEDIA,
        @JsonProperty("flickr") FLICKR,
        @JsonProperty("clip-retrieval") CLIP_RETRIEVAL,
        @JsonProperty("html") HTML;

        /** The name used in settings, logs and records. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        /** The engine a settings name means, or null. */
        public static Engine byKey(String key) {
            for (Engine e : values()) {
                if (e.key().equals(key) || (key.equals("pool") && e == POOL_JSON)) {
                    return e;
                }
            }
            return null;
        }
    }

    /** Licence names the filter understands (Openverse's list, plus Flickr's public-domain marks). */
    public static final List<String> LICENCES = List.of("cc0", "pdm", "by", "by-sa", "by-nd", "by-nc", "by-nc-sa",
            "by-nc-nd", "nkcr", "usgov");

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
        for (String l : licences) {
            if (!LICENCES.contains(l)) {
                out.add(new ConfigProblem(path + ".licences", l, "'" + l + "' is not a licence the filter knows",
                        "use names from " + LICENCES));
            }
        }
        for (String e : engines) {
            String[] p = e.split(":", 2);
            Engine en = byKeyOrNull(p[0]);
            Double w = p.length == 2 ? parseOrNull(p[1]) : null;
            if (en == null || w == null || !(w > 0)) {
                out.add(new ConfigProblem(path + ".engines", e, "'" + e + "' is not ENGINE:WEIGHT with a known engine and a "
                        + "weight above 0", "write e.g. openverse:0.5,wikimedia:0.5"));
            }
        }
        for (String b : budgets) {
            if (!b.matches("[a-z-]+:[0-9]+/(minute|min|hour|day)") || byKeyOrNull(b.substring(0, b.indexOf(':'))) == null) {
                out.add(new ConfigProblem(path + ".budgets", b, "'" + b + "' is not ENGINE:N/minute|hour|day",
                        "write e.g. openverse:5/hour"));
            }
        }
        if (htmlUrl != null && !htmlUrl.contains("{q}")) {
            out.add(new ConfigProblem(path + ".htmlUrl", htmlUrl, "the html engine's URL has no {q} for the query",
                    "write e.g. https://example.org/search?q={q}&p={page}"));
        }
        return out;
    }

    private static Engine byKeyOrNull(String key) {
        return Engine.byKey(key.trim());
    }

    private static Double parseOrNull(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
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
