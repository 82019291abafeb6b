package dev.explorer.agent.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Wikimedia Commons, {@code action=query&generator=search&gsrnamespace=6&prop=imageinfo} with
 * {@code iiurlwidth} so the scaled thumbnail is fetched, never the original. Paging follows the
 * API's {@code continue} object: the values a page returns are copied into the request for the
 * next one (kept per query); no {@code continue} means the last page. At most 50 thumbnails come
 * back per request (TRANSFORM_LIMIT), so pages are at most 50. Requests are sent one at a time
 * (Wikimedia's etiquette), with {@code maxlag}.
 */
public final class WikimediaEngine extends WebEngine {
    static final int MAX_PAGE = 50;
    private final int thumbWidth;
    /** query|n|page -> the continue parameters for that page; "" = the previous page was the last. */
    private final Map<String, Map<String, String>> continuations = new ConcurrentHashMap<>();

    public WikimediaEngine(String url, int thumbWidth, long maxResponseBytes, String userAgent, RequestPolicy policy,
            List<String> licences) {
        super("wikimedia", url, maxResponseBytes, userAgent, policy, licences);
        this.thumbWidth = thumbWidth;
    }

    @Override
    public int maxPageSize() {
        return MAX_PAGE;
    }

    @Override
    public synchronized SearchPage search(String query, int n, int page) throws SearchException {
        int size = Math.min(n, MAX_PAGE);
        Map<String, String> cont = Map.of();
        if (page > 0) {
            cont = continuations.get(key(query, size, page));
            if (cont == null) {
                // not reached by paging in this process (e.g. after resume): the offset the API would give
                cont = Map.of("gsroffset", Integer.toString(page * size), "continue", "gsroffset||");
            } else if (cont.isEmpty()) {
                return new SearchPage(query, 0, List.of());
            }
        }
        HttpUrl.Builder u = base.newBuilder().addQueryParameter("action", "query").addQueryParameter("format", "json")
                .addQueryParameter("formatversion", "2").addQueryParameter("generator", "search")
                .addQueryParameter("gsrnamespace", "6").addQueryParameter("gsrsearch", "filetype:bitmap " + query)
                .addQueryParameter("gsrlimit", Integer.toString(size)).addQueryParameter("prop", "imageinfo")
                .addQueryParameter("iiprop", "url|size|mime|extmetadata")
                .addQueryParameter("iiurlwidth", Integer.toString(thumbWidth)).addQueryParameter("maxlag", "5");
        cont.forEach(u::addQueryParameter);
        String text = send(new Request.Builder().url(u.build()).header("Accept", "application/json").build());
        JsonNode root = json(text);
        if (root == null || !root.isObject()) {
            throw malformed("not a JSON object", null);
        }
        if (root.has("error")) {
            throw new SearchException(name + ": API error " + root.path("error").path("code").asText() + ": "
                    + root.path("error").path("info").asText());
        }
        JsonNode next = root.get("continue");
        Map<String, String> nextCont = new java.util.LinkedHashMap<>();
        if (next != null && next.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = next.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                nextCont.put(e.getKey(), e.getValue().asText());
            }
        }
        continuations.put(key(query, size, page + 1), nextCont);
        JsonNode pages = root.path("query").path("pages");
        List<JsonNode> list = new ArrayList<>();
        pages.forEach(list::add); // an array with formatversion=2, an object keyed by page id without it
        list.sort(java.util.Comparator.comparingInt(p -> p.path("index").asInt(Integer.MAX_VALUE)));
        List<SearchHit> hits = new ArrayList<>();
        for (JsonNode p : list) {
            JsonNode info = p.path("imageinfo").path(0);
            String thumb = OpenverseEngine.text(info, "thumburl");
            String img = thumb != null ? thumb : OpenverseEngine.text(info, "url");
            if (img == null) {
                continue;
            }
            JsonNode meta = info.path("extmetadata");
            String title = p.path("title").asText("").replaceFirst("^File:", "").replaceFirst("\\.[A-Za-z0-9]+$", "");
            String caption = plain(meta.path("ImageDescription").path("value").asText(null));
            hits.add(new SearchHit(p.path("pageid").asText(img), img, caption != null ? caption : title,
                    OpenverseEngine.text(info, "descriptionurl"), name,
                    Licences.normalise(plain(meta.path("LicenseShortName").path("value").asText(null))),
                    plain(meta.path("Artist").path("value").asText(null))));
        }
        int total = root.path("query").path("searchinfo").path("totalhits").asInt(page * size + hits.size()
                + (nextCont.isEmpty() ? 0 : size));
        return new SearchPage(query, total, filter(hits));
    }

    private static String key(String query, int n, int page) {
        return query + "|" + n + "|" + page;
    }
}
