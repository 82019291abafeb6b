package dev.explorer.agent.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * A self-hosted clip-retrieval backend, {@code POST /knn-service} with text modality. The answer is
 * a bare array of {@code {id, similarity, url, caption, ...}}; the service has no paging, so page p
 * asks for (p + 1) x n results and keeps the last n.
 */
public final class ClipRetrievalEngine extends WebEngine {
    static final int MAX_RESULTS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String index;

    public ClipRetrievalEngine(String url, String index, long maxResponseBytes, String userAgent, RequestPolicy policy,
            List<String> licences) {
        super("clip-retrieval", url, maxResponseBytes, userAgent, policy, licences);
        this.index = index;
    }

    @Override
    public SearchPage search(String query, int n, int page) throws SearchException {
        int want = (page + 1) * n;
        if (want > MAX_RESULTS) {
            return new SearchPage(query, 0, List.of());
        }
        ObjectNode body = JSON.createObjectNode().put("text", query).put("modality", "text").put("num_images", want)
                .put("num_result_ids", want).put("indice_name", index).put("deduplicate", true)
                .put("use_safety_model", true).put("use_violence_detector", true);
        String text = send(new Request.Builder().url(base)
                .post(RequestBody.create(body.toString(), MediaType.get("application/json"))).build());
        JsonNode root = json(text);
        if (root == null || !root.isArray()) {
            throw malformed(root != null && root.has("error") ? "error " + root.get("error").asText()
                    : "not the bare JSON array /knn-service answers", null);
        }
        List<SearchHit> hits = new ArrayList<>();
        for (int i = page * n; i < root.size(); i++) {
            JsonNode x = root.get(i);
            String url = OpenverseEngine.text(x, "url");
            if (url == null) {
                continue;
            }
            hits.add(new SearchHit(x.path("id").asText(url), url, x.path("caption").asText(""), null, name,
                    Licences.normalise(OpenverseEngine.text(x, "license")), null));
        }
        return new SearchPage(query, root.size(), filter(hits));
    }
}
