package dev.explorer.agent.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Any results page a user points at: {@code search.htmlUrl} with {@code {q}} and {@code {page}}
 * (1-based), scraped with the CSS selectors in {@code search.htmlResult}, {@code htmlImage},
 * {@code htmlCaption}, {@code htmlPage}. No licence is known from such a page, so with a licence
 * filter set every result is dropped (and the log says why).
 */
public final class HtmlEngine extends WebEngine {
    private final String template;
    private final String result;
    private final String image;
    private final String caption;
    private final String pageLink;

    public HtmlEngine(String template, String result, String image, String caption, String pageLink,
            long maxResponseBytes, String userAgent, RequestPolicy policy, List<String> licences) {
        super("html", template.replace("{q}", "q").replace("{page}", "1"), maxResponseBytes, userAgent, policy, licences);
        this.template = template;
        this.result = result;
        this.image = image;
        this.caption = caption;
        this.pageLink = pageLink;
    }

    @Override
    public SearchPage search(String query, int n, int page) throws SearchException {
        HttpUrl url = HttpUrl.parse(template.replace("{q}", URLEncoder.encode(query, StandardCharsets.UTF_8))
                .replace("{page}", Integer.toString(page + 1)));
        if (url == null) {
            throw new SearchException("html: search.htmlUrl does not make an http(s) URL for '" + query + "'");
        }
        String html = send(new Request.Builder().url(url).header("Accept", "text/html").build());
        Document doc = Jsoup.parse(html, url.toString());
        List<SearchHit> hits = new ArrayList<>();
        for (Element r : doc.select(result)) {
            Element img = r.selectFirst(image);
            if (img == null) {
                continue;
            }
            String src = img.hasAttr("src") ? img.absUrl("src") : img.absUrl("href");
            if (src.isEmpty()) {
                continue;
            }
            Element cap = caption == null || caption.isBlank() ? null : r.selectFirst(caption);
            Element a = r.selectFirst(pageLink);
            hits.add(new SearchHit(src, src, cap != null ? cap.text() : img.attr("alt"), a == null ? null : a.absUrl("href"),
                    name, null, null));
            if (hits.size() == n) {
                break;
            }
        }
        return new SearchPage(query, hits.size(), filter(hits));
    }
}
