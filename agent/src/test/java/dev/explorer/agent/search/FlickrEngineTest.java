package dev.explorer.agent.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** flickr.photos.search answers: stat ok/fail in HTTP 200, string-typed totals, missing sizes. */
class FlickrEngineTest {
    static String photo(int id, String licence, boolean withN) {
        return "{\"id\":\"" + id + "\",\"owner\":\"12@N00\",\"secret\":\"s\",\"server\":\"1\",\"farm\":1,\"title\":\"fox "
                + id + "\",\"ispublic\":1,\"license\":\"" + licence + "\",\"ownername\":\"Bo " + id + "\","
                + "\"url_q\":\"https://live.staticflickr.com/q" + id + ".jpg\",\"width_q\":150,\"height_q\":150,"
                + (withN ? "\"url_n\":\"https://live.staticflickr.com/n" + id + ".jpg\",\"width_n\":\"320\",\"height_n\":240," : "")
                + "\"url_l\":\"https://live.staticflickr.com/l" + id + ".jpg\",\"width_l\":1024,\"height_l\":768}";
    }

    private EngineServer s;

    @BeforeEach
    void start() throws Exception {
        s = new EngineServer();
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private FlickrEngine engine(List<String> licences) {
        return new FlickrEngine(s.url("/services/rest/"), "secret-flickr-key", 320, 1 << 20, EngineServer.UA,
                s.policy("flickr", List.of()), licences);
    }

    @Test
    void normalPagePicksTheSmallestSizeWideEnoughAndReadsStringTotals() throws Exception {
        s.json(200, "{\"photos\":{\"page\":1,\"pages\":\"80\",\"perpage\":2,\"total\":\"160\",\"photo\":["
                + photo(1, "4", true) + "," + photo(2, "9", false) + "]},\"stat\":\"ok\"}");
        try (FlickrEngine e = engine(List.of())) {
            SearchPage p = e.search("fox", 2, 0);
            assertEquals(160, p.total());
            assertEquals("https://live.staticflickr.com/n1.jpg", p.hits().get(0).imageUrl(), "320 wide is enough");
            assertEquals("https://live.staticflickr.com/l2.jpg", p.hits().get(1).imageUrl(), "no url_n: the next size up");
            assertEquals("by", p.hits().get(0).licence());
            assertEquals("cc0", p.hits().get(1).licence());
            assertEquals("Bo 1", p.hits().get(0).creator());
            assertEquals("https://www.flickr.com/photos/12@N00/1", p.hits().get(0).pageUrl());
        }
        RecordedRequest r = s.take();
        assertEquals("flickr.photos.search", r.getUrl().queryParameter("method"));
        assertEquals("1", r.getUrl().queryParameter("nojsoncallback"));
        assertEquals("1", r.getUrl().queryParameter("page"));
        assertTrue(r.getUrl().queryParameter("extras").contains("license"));
    }

    @Test
    void lastPageAndThe4000ResultCeiling() throws Exception {
        s.json(200, "{\"photos\":{\"page\":3,\"pages\":3,\"perpage\":100,\"total\":201,\"photo\":[" + photo(1, "4", true)
                + "]},\"stat\":\"ok\"}");
        try (FlickrEngine e = engine(List.of())) {
            assertEquals(1, e.search("fox", 100, 2).hits().size());
            assertEquals(0, e.search("fox", 500, 8).hits().size(), "results beyond 4,000 repeat: not asked for");
        }
        assertEquals(1, s.server.getRequestCount());
    }

    @Test
    void failInHttp200IsAnErrorWithTheReason() throws Exception {
        s.json(200, "{\"stat\":\"fail\",\"code\":100,\"message\":\"Invalid API Key (Key has invalid format)\"}");
        try (FlickrEngine e = engine(List.of())) {
            SearchException x = assertThrows(SearchException.class, () -> e.search("fox", 10, 0));
            assertTrue(x.getMessage().contains("error 100") && x.getMessage().contains("flickrKeyEnv"), x.getMessage());
            assertTrue(!x.getMessage().contains("secret-flickr-key"), "the key never appears in a message");
        }
    }

    @Test
    void quotaAndUnknownLicenceIdsAndTheFilter() throws Exception {
        s.quota(429, "2");
        s.json(200, "{\"photos\":{\"page\":1,\"pages\":1,\"perpage\":3,\"total\":3,\"photo\":[" + photo(1, "4", true) + ","
                + photo(2, "11", true) + "," + photo(3, "2", true) + "]},\"stat\":\"ok\"}");
        try (FlickrEngine e = engine(List.of("by", "cc0"))) {
            assertEquals(List.of("1"), e.search("fox", 3, 0).hits().stream().map(SearchHit::id).toList(),
                    "id 11 is unknown (rejected, not guessed) and 2 is by-nc");
        }
        assertEquals(List.of(2_000L), s.waits);
        s.take();
        RecordedRequest r = s.take();
        assertEquals("4,9", r.getUrl().queryParameter("license"));
    }

    @Test
    void malformedAndMissingKey() throws Exception {
        s.json(200, "{\"stat\":\"ok\",\"photos\":{\"total\":\"lots\",\"photo\":[]}}");
        try (FlickrEngine e = engine(List.of())) {
            assertTrue(assertThrows(SearchException.class, () -> e.search("fox", 3, 0)).getMessage().contains("malformed"));
        }
        try (FlickrEngine e = new FlickrEngine(s.url("/"), null, 320, 1 << 20, null, s.policy("flickr", List.of()),
                List.of())) {
            assertTrue(assertThrows(SearchException.class, () -> e.search("fox", 3, 0)).getMessage().contains("no API key"));
        }
    }
}
