package dev.explorer.agent.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Openverse, {@code GET /v1/images/?q=&page=&page_size=&license=}. Anonymous page size is at most
 * 20 (more gets 401), authenticated 500; pages stop at 20 ({@code MAX_PAGINATION_DEPTH}), so a
 * deeper page is answered empty without a request. The thumbnail ({@code /thumb/}) is fetched, not
 * the original. The token, when given, goes in a header only.
 */
public final class OpenverseEngine extends WebEngine {
    static final int MAX_PAGES = 20;
    static final int ANONYMOUS_PAGE = 20;
    static final int AUTHENTICATED_PAGE = 500;
    private final String token;

    public OpenverseEngine(String url, String token, long maxResponseBytes, String userAgent, RequestPolicy policy,
            List<String> licences) {
        super("openverse", url, maxResponseBytes, userAgent, policy, licences);
        this.token = token == null || token.isBlank() ? null : token;
    }

    @Override
    public int maxPageSize() {
        return token == null ? ANONYMOUS_PAGE : AUTHENTICATED_PAGE;
    }

    @Override
    public SearchPage search(String query, int n, int page) throws SearchException {
        int size = Math.min(n, maxPageSize());
        if (page + 1 > MAX_PAGES) {
            return new SearchPage(query, 0, List.of()); // the API refuses deeper pages
        }
        HttpUrl.Builder u = base.newBuilder().addQueryParameter("q", query.length() > 200 ? query.substring(0, 200) : query)
                .addQueryParameter("page", Integer.toString(page + 1)).addQueryParameter("page_size", Integer.toString(size));
        if (!licences.isEmpty()) {
            u.addQueryParameter("license", String.join(",", licences.stream().filter(l -> !l.equals("nkcr")
                    && !l.equals("usgov")).toList()));
        }
        Request.Builder r = new Request.Builder().url(u.build()).header("Accept", "application/json");
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        String text = send(r.build());
        JsonNode root = json(text);
        JsonNode results = root == null ? null : root.get("results");
        if (results == null || !results.isArray()) {
            throw malformed("no 'results' array", null);
        }
        List<SearchHit> hits = new ArrayList<>();
        for (JsonNode x : results) {
            String img = text(x, "thumbnail");
            if (img == null) {
                img = text(x, "url");
            }
            if (img == null) {
                continue;
            }
            String creator = text(x, "creator");
            hits.add(new SearchHit(text(x, "id"), img, text(x, "title") == null ? "" : text(x, "title"),
                    text(x, "foreign_landing_url"), name, Licences.normalise(text(x, "license")),
                    creator == null ? text(x, "attribution") : creator));
        }
        int total = root.path("result_count").asInt(hits.size());
        return new SearchPage(query, total, filter(hits));
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }
}
