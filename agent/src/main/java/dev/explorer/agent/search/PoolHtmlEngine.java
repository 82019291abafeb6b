package dev.explorer.agent.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The pool server's HTML results page, {@code GET /search.html?q=&n=&page=}, scraped like a
 * human-facing engine: each {@code li.result} holds a link to the image's page, the image and a
 * {@code p.caption}; {@code p.total} says "About N results".
 */
public final class PoolHtmlEngine extends HttpEngineBase {

    public PoolHtmlEngine(String endpoint, Duration timeout) {
        this(endpoint, timeout, MAX_RESPONSE_BYTES);
    }

    public PoolHtmlEngine(String endpoint, Duration timeout, long maxResponseBytes) {
        super("pool-html", endpoint, timeout, maxResponseBytes);
    }

    @Override
    public SearchPage search(String query, int n, int page) throws SearchException {
        String html = get("/search.html", query, n, page);
        Document doc = Jsoup.parse(html, base.toString());
        List<SearchHit> hits = new ArrayList<>();
        for (Element li : doc.select("li.result")) {
            Element img = li.selectFirst("img[src]");
            if (img == null) {
                continue;
            }
            String url = img.absUrl("src");
            if (url.isEmpty()) {
                continue;
            }
            Element a = li.selectFirst("a[href]");
            Element cap = li.selectFirst(".caption");
            String caption = cap != null ? cap.text() : img.attr("alt");
            String id = li.hasAttr("data-id") ? li.attr("data-id") : url;
            hits.add(new SearchHit(id, url, caption, a != null ? a.absUrl("href") : null));
        }
        int total = hits.size();
        Element t = doc.selectFirst(".total");
        if (t != null) {
            String digits = t.text().replaceAll("[^0-9]", "");
            if (!digits.isEmpty() && digits.length() < 10) {
                total = Integer.parseInt(digits);
            }
        }
        return new SearchPage(query, total, List.copyOf(hits));
    }
}
