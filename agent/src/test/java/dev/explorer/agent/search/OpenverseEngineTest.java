package dev.explorer.agent.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Openverse against recorded answers of the documented shape (api/api/serializers, pagination.py). */
class OpenverseEngineTest {
    static String result(int i, String licence) {
        return "{\"id\":\"ov-" + i + "\",\"title\":\"Red fox " + i + "\",\"url\":\"https://live.staticflickr.com/" + i
                + "_o.jpg\",\"thumbnail\":\"https://api.openverse.org/v1/images/ov-" + i + "/thumb/\","
                + "\"foreign_landing_url\":\"https://www.flickr.com/photos/x/" + i + "\",\"creator\":\"Ann " + i
                + "\",\"creator_url\":null,\"license\":\"" + licence + "\",\"license_version\":\"2.0\","
                + "\"license_url\":\"https://creativecommons.org/licenses/by/2.0/\",\"attribution\":\"credit line\","
                + "\"provider\":\"flickr\",\"source\":\"flickr\",\"width\":1024,\"height\":768,\"filesize\":null,"
                + "\"filetype\":\"jpg\",\"tags\":[{\"name\":\"fox\",\"accuracy\":null}],\"mature\":false,"
                + "\"fields_matched\":[\"title\"],\"detail_url\":\"x\",\"related_url\":\"y\"}";
    }

    static String page(int count, int page, int pageCount, String... licences) {
        StringBuilder b = new StringBuilder("{\"result_count\":" + count + ",\"page_count\":" + pageCount
                + ",\"page_size\":20,\"page\":" + page + ",\"results\":[");
        for (int i = 0; i < licences.length; i++) {
            b.append(i > 0 ? "," : "").append(result(i, licences[i]));
        }
        return b.append("]}").toString();
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

    private OpenverseEngine engine(String token, List<String> licences) {
        return new OpenverseEngine(s.url("/v1/images/"), token, 1 << 20, EngineServer.UA, s.policy("openverse", List.of()),
                licences);
    }

    @Test
    void normalPageMapsThumbnailLicenceCreatorAndSourcePage() throws Exception {
        s.json(200, page(240, 1, 12, "by", "by-sa", "cc0"));
        try (OpenverseEngine e = engine(null, List.of())) {
            SearchPage p = e.search("red fox", 50, 0);
            assertEquals(240, p.total());
            assertEquals(3, p.hits().size());
            SearchHit h = p.hits().get(1);
            assertEquals("https://api.openverse.org/v1/images/ov-1/thumb/", h.imageUrl(), "the thumbnail, not the original");
            assertEquals("by-sa", h.licence());
            assertEquals("Ann 1", h.creator());
            assertEquals("https://www.flickr.com/photos/x/1", h.pageUrl());
            assertEquals("openverse", h.engine());
        }
        RecordedRequest r = s.take();
        assertEquals("/v1/images/", r.getUrl().encodedPath(), "the trailing slash is kept");
        assertEquals("red fox", r.getUrl().queryParameter("q"));
        assertEquals("1", r.getUrl().queryParameter("page"), "Openverse pages start at 1");
        assertEquals("20", r.getUrl().queryParameter("page_size"), "anonymous page size is at most 20 (more gets 401)");
        assertNull(r.getHeaders().get("Authorization"));
        assertEquals(EngineServer.UA, r.getHeaders().get("User-Agent"));
    }

    @Test
    void tokenGoesInAHeaderAndAllowsLargePages() throws Exception {
        s.json(200, page(3, 1, 1, "by"));
        try (OpenverseEngine e = engine("tok-123", List.of())) {
            e.search("fox", 200, 0);
        }
        RecordedRequest r = s.take();
        assertEquals("Bearer tok-123", r.getHeaders().get("Authorization"));
        assertEquals("200", r.getUrl().queryParameter("page_size"));
        assertTrue(!r.getUrl().toString().contains("tok-123"), "the token is never in the URL");
    }

    @Test
    void lastPageAndThePageCapStopWithoutARequest() throws Exception {
        s.json(200, page(2, 1, 1, "by", "by"));
        try (OpenverseEngine e = engine(null, List.of())) {
            SearchPage p = e.searchTop("fox", 60);
            assertEquals(2, p.hits().size(), "a short page is the last one");
            assertEquals(0, e.search("fox", 20, 20).hits().size(), "page 21 does not exist (MAX_PAGINATION_DEPTH=20)");
        }
        assertEquals(1, s.server.getRequestCount());
    }

    @Test
    void licenceFilterIsSentAndCheckedAgain() throws Exception {
        s.json(200, page(3, 1, 1, "by", "by-nc", "cc0"));
        try (OpenverseEngine e = engine(null, List.of("cc0", "by"))) {
            SearchPage p = e.search("fox", 20, 0);
            assertEquals(List.of("by", "cc0"), p.hits().stream().map(SearchHit::licence).toList(),
                    "a result outside the filter is dropped even when the engine sends it");
        }
        assertEquals("cc0,by", s.take().getUrl().queryParameter("license"));
    }

    @Test
    void errorIsNotRetriedAndNamesTheCause() throws Exception {
        s.json(401, "{\"detail\":\"Authentication credentials were not provided.\"}");
        try (OpenverseEngine e = engine(null, List.of())) {
            SearchException x = assertThrows(SearchException.class, () -> e.search("fox", 20, 0));
            assertTrue(x.getMessage().contains("HTTP 401") && x.getMessage().contains("unauthorised"), x.getMessage());
        }
        assertEquals(1, s.server.getRequestCount());
        assertEquals(List.of(), s.waits);
    }

    @Test
    void quotaHonoursRetryAfterThenSucceeds() throws Exception {
        s.quota(429, "7");
        s.json(200, page(1, 1, 1, "by"));
        try (OpenverseEngine e = engine(null, List.of())) {
            assertEquals(1, e.search("fox", 20, 0).hits().size());
            assertEquals(1, e.stats().get(0).retries());
        }
        assertEquals(List.of(7_000L), s.waits, "Retry-After: 7 means seven seconds");
    }

    @Test
    void quotaWithoutRetryAfterBacksOffThenFailsAndOpensTheBreaker() throws Exception {
        for (int i = 0; i < 3; i++) {
            s.quota(429, null);
        }
        for (int i = 0; i < 6; i++) {
            s.quota(503, null); // two more searches of three tries each
        }
        try (OpenverseEngine e = engine(null, List.of())) {
            SearchException x = assertThrows(SearchException.class, () -> e.search("fox", 20, 0));
            assertTrue(x.getMessage().contains("HTTP 429") && x.getMessage().contains("after 3 tries"), x.getMessage());
            assertEquals(2, s.waits.size());
            assertTrue(s.waits.get(0) <= 100 && s.waits.get(1) <= 200, "jittered, capped at 100 then 200 ms: " + s.waits);
            assertThrows(SearchException.class, () -> e.search("fox", 20, 0));
            // third failure in a row: the breaker opens; the next search sends nothing
            assertThrows(SearchException.class, () -> e.search("fox", 20, 0));
            int sent = s.server.getRequestCount();
            SearchException open = assertThrows(SearchException.class, () -> e.search("fox", 20, 0));
            assertTrue(open.getMessage().contains("circuit breaker open"), open.getMessage());
            assertEquals(sent, s.server.getRequestCount());
            assertEquals("open", e.stats().get(0).breaker());
            assertEquals(1, e.stats().get(0).breakerOpened());
        }
    }

    @Test
    void budgetRefusesWithoutSending() throws Exception {
        s.json(200, page(1, 1, 1, "by"));
        s.json(200, page(1, 1, 1, "by"));
        try (OpenverseEngine e = new OpenverseEngine(s.url("/v1/images/"), null, 1 << 20, EngineServer.UA,
                s.policy("openverse", List.of(RequestPolicy.Budget.parse("2/hour"))), List.of())) {
            e.search("a", 20, 0);
            e.search("b", 20, 0);
            SearchException x = assertThrows(SearchException.class, () -> e.search("c", 20, 0));
            assertTrue(x.getMessage().contains("budget 2/hour used up"), x.getMessage());
            assertEquals(1, e.stats().get(0).overBudget());
            assertEquals(2, e.stats().get(0).requests());
            s.now += 3_600_001;
            s.json(200, page(1, 1, 1, "by"));
            assertEquals(1, e.search("c", 20, 0).hits().size(), "an hour later the window has room again");
        }
    }

    @Test
    void malformedBodyIsAFailureNamingTheProblem() throws Exception {
        s.json(200, "<html>maintenance</html>");
        s.json(200, "{\"result_count\":3}");
        try (OpenverseEngine e = engine(null, List.of())) {
            assertTrue(assertThrows(SearchException.class, () -> e.search("fox", 20, 0)).getMessage().contains("malformed"));
            assertTrue(assertThrows(SearchException.class, () -> e.search("fox", 20, 0)).getMessage()
                    .contains("no 'results' array"));
        }
    }
}
