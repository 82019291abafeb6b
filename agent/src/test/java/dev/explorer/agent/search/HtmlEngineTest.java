package dev.explorer.agent.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A user-configured results page scraped with selectors from the settings. */
class HtmlEngineTest {
    private EngineServer s;

    @BeforeEach
    void start() throws Exception {
        s = new EngineServer();
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private void html(String body) {
        s.server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/html; charset=utf-8").body(body).build());
    }

    private HtmlEngine engine(List<String> licences) {
        return new HtmlEngine(s.url("/find") + "?query={q}&p={page}", "div.hit", "img.pic", "span.t", "a.src", 1 << 20,
                EngineServer.UA, s.policy("html", List.of()), licences);
    }

    @Test
    void normalPageUsesTheSelectorsAndResolvesRelativeLinks() throws Exception {
        html("<html><body><div class=hit><a class=src href='/p/1'>page</a><img class=pic src='/i/1.png'><span class=t>Fox one"
                + "</span></div><div class=hit><img class=pic src='https://cdn.example/2.jpg' alt='alt two'></div>"
                + "<div class=hit><span class=t>no image</span></div></body></html>");
        try (HtmlEngine e = engine(List.of())) {
            SearchPage p = e.search("red fox", 10, 1);
            assertEquals(2, p.hits().size());
            assertEquals(s.url("/i/1.png"), p.hits().get(0).imageUrl());
            assertEquals(s.url("/p/1"), p.hits().get(0).pageUrl());
            assertEquals("Fox one", p.hits().get(0).caption());
            assertEquals("alt two", p.hits().get(1).caption(), "no caption element: the alt text");
            assertNull(p.hits().get(1).licence());
        }
        RecordedRequest r = s.take();
        assertEquals("red fox", r.getUrl().queryParameter("query"));
        assertEquals("2", r.getUrl().queryParameter("p"), "{page} is 1-based");
    }

    @Test
    void lastPageIsEmptyAndALicenceFilterDropsUnlicensedResults() throws Exception {
        html("<html><body><p>No more results</p></body></html>");
        html("<div class=hit><img class=pic src='/i/1.png'></div>");
        try (HtmlEngine e = engine(List.of())) {
            assertEquals(0, e.search("fox", 10, 5).hits().size());
        }
        try (HtmlEngine e = engine(List.of("cc0"))) {
            assertEquals(0, e.search("fox", 10, 0).hits().size(), "a scraped page states no licence");
        }
    }

    @Test
    void errorQuotaAndMalformed() throws Exception {
        s.json(404, "not found");
        s.quota(429, "0");
        html("<div class=hit><img class=pic src='/i/1.png'></div>");
        html("\u0000\u0001garbage<<<");
        try (HtmlEngine e = engine(List.of())) {
            assertTrue(assertThrows(SearchException.class, () -> e.search("fox", 10, 0)).getMessage().contains("HTTP 404"));
            assertEquals(1, e.search("fox", 10, 0).hits().size());
            assertEquals(List.of(0L), s.waits);
            assertEquals(0, e.search("fox", 10, 0).hits().size(), "a page that is not HTML yields no results, not a crash");
        }
    }
}
