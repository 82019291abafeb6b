package dev.explorer.agent.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The pool server's JSON API: {@code GET /search?q=&n=&page=} answering
 * {@code {query, page, n, total, results: [{id, url, pageUrl, caption, ...}]}}.
 */
public final class PoolJsonEngine extends HttpEngineBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    public PoolJsonEngine(String endpoint, Duration timeout) {
        this(endpoint, timeout, MAX_RESPONSE_BYTES);
    }

    public PoolJsonEngine(String endpoint, Duration timeout, long maxResponseBytes) {
        super("pool-json", endpoint, timeout, maxResponseBytes);
    }

    @Override
    public SearchPage search(String query, int n, int page) throws SearchException {
        String text = get("/search", query, n, page);
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SearchException("pool-json: the answer from " + base + " is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode results = root.path("results");
        if (!results.isArray()) {
            throw new SearchException("pool-json: the answer from " + base + " has no 'results' array");
        }
        List<SearchHit> hits = new ArrayList<>(results.size());
        for (JsonNode r : results) {
            String url = absolute(r.path("url").asText(null));
            if (url == null) {
                continue; // a result without an image URL is useless to the loop
            }
            String pageUrl = r.hasNonNull("pageUrl") ? r.get("pageUrl").asText() : r.path("page").isTextual()
                    ? r.get("page").asText() : null;
            // the pool says each image's licence: carried like a real engine's, so credits and the report show it
            String licence = r.hasNonNull("licence") ? Licences.normalise(r.get("licence").asText()) : null;
            hits.add(new SearchHit(r.path("id").asText(url), url, r.path("caption").asText(""), absolute(pageUrl), null,
                    licence, null));
        }
        return new SearchPage(root.path("query").asText(query), root.path("total").asInt(hits.size()), List.copyOf(hits));
    }
}
