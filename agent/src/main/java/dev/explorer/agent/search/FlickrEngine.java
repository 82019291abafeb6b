package dev.explorer.agent.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Flickr, {@code flickr.photos.search} with {@code api_key}. Errors come back as HTTP 200 with
 * {@code stat:"fail"}; {@code total}/{@code pages} are sometimes strings; only the first 4,000
 * results of a query exist (deeper pages repeat), so a page beyond them is answered empty
 * without a request. The image is the smallest size at least {@code search.thumbnailWidth} wide.
 */
public final class FlickrEngine extends WebEngine {
    static final int MAX_RESULTS = 4_000;
    static final int MAX_PAGE = 500;
    /** Sizes by width: n 320, z 640, c 800, l 1024, o original; m (500) sits between n and z. */
    static final List<String> SIZES = List.of("q", "n", "m", "z", "c", "l", "o");
    private final String key;
    private final int thumbWidth;

    public FlickrEngine(String url, String key, int thumbWidth, long maxResponseBytes, String userAgent,
            RequestPolicy policy, List<String> licences) {
        super("flickr", url, maxResponseBytes, userAgent, policy, licences);
        this.key = key;
        this.thumbWidth = thumbWidth;
    }

    @Override
    public int maxPageSize() {
        return MAX_PAGE;
    }

    @Override
    public SearchPage search(String query, int n, int page) throws SearchException {
        if (key == null || key.isBlank()) {
            throw new SearchException("flickr: no API key; put it in the environment variable named by search.flickrKeyEnv");
        }
        int size = Math.min(n, MAX_PAGE);
        if ((long) page * size >= MAX_RESULTS) {
            return new SearchPage(query, 0, List.of());
        }
        HttpUrl.Builder u = base.newBuilder().addQueryParameter("method", "flickr.photos.search")
                .addQueryParameter("api_key", key).addQueryParameter("text", query)
                .addQueryParameter("media", "photos").addQueryParameter("safe_search", "1")
                .addQueryParameter("sort", "relevance").addQueryParameter("page", Integer.toString(page + 1))
                .addQueryParameter("per_page", Integer.toString(size))
                .addQueryParameter("extras", "license,owner_name," + String.join(",", SIZES.stream().map(s -> "url_" + s).toList()))
                .addQueryParameter("format", "json").addQueryParameter("nojsoncallback", "1");
        if (!licences.isEmpty()) {
            List<String> ids = Licences.FLICKR.entrySet().stream().filter(e -> licences.contains(e.getValue()))
                    .map(Map.Entry::getKey).sorted(java.util.Comparator.comparingInt(Integer::parseInt)).toList();
            u.addQueryParameter("license", String.join(",", ids));
        }
        String text = send(new Request.Builder().url(u.build()).build());
        JsonNode root = json(text);
        if (root == null || !root.isObject()) {
            throw malformed("not a JSON object", null);
        }
        if ("fail".equals(root.path("stat").asText())) {
            int code = root.path("code").asInt();
            String why = switch (code) {
                case 100 -> " (invalid API key: check the variable named by search.flickrKeyEnv)";
                case 105 -> " (service unavailable)";
                default -> "";
            };
            throw new SearchException(name + ": error " + code + ": " + root.path("message").asText() + why);
        }
        JsonNode photos = root.get("photos");
        if (photos == null || !photos.path("photo").isArray()) {
            throw malformed("no photos.photo array", null);
        }
        List<SearchHit> hits = new ArrayList<>();
        for (JsonNode p : photos.get("photo")) {
            String img = pick(p);
            if (img == null) {
                continue;
            }
            String owner = p.path("owner").asText("");
            String id = p.path("id").asText();
            // an unknown licence id is rejected, never guessed
            String licence = Licences.FLICKR.getOrDefault(p.path("license").asText(""), "unknown");
            hits.add(new SearchHit(id, img, p.path("title").asText(""),
                    "https://www.flickr.com/photos/" + owner + "/" + id, name, licence,
                    OpenverseEngine.text(p, "ownername")));
        }
        long total;
        try {
            total = Long.parseLong(photos.path("total").asText("0")); // a number or a string
        } catch (NumberFormatException e) {
            throw malformed("total is '" + photos.path("total").asText() + "'", e);
        }
        return new SearchPage(query, (int) Math.min(total, MAX_RESULTS), filter(hits));
    }

    /** The smallest size at least thumbWidth wide, else the largest there is. */
    private String pick(JsonNode p) {
        String largest = null;
        for (String s : SIZES) {
            String url = OpenverseEngine.text(p, "url_" + s);
            if (url == null) {
                continue;
            }
            largest = url;
            int w = p.path("width_" + s).asInt(0); // asInt reads a string-typed number too
            if (w >= thumbWidth) {
                return url;
            }
        }
        return largest;
    }
}
