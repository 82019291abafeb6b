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

/** Commons' generator=search + imageinfo answers (formatversion=2 and the older keyed object). */
class WikimediaEngineTest {
    static String pageJson(int id, int index, String licence) {
        return "{\"pageid\":" + id + ",\"ns\":6,\"title\":\"File:Red fox " + id + ".jpg\",\"index\":" + index
                + ",\"imageinfo\":[{\"thumburl\":\"https://upload.wikimedia.org/thumb/" + id + "/320px-x.jpg\","
                + "\"thumbwidth\":320,\"thumbheight\":240,\"url\":\"https://upload.wikimedia.org/" + id + ".jpg\","
                + "\"descriptionurl\":\"https://commons.wikimedia.org/wiki/File:Red_fox_" + id + ".jpg\","
                + "\"width\":4000,\"height\":3000,\"size\":5000000,\"mime\":\"image/jpeg\",\"extmetadata\":{"
                + "\"LicenseShortName\":{\"value\":\"" + licence + "\",\"source\":\"commons-desc-page\"},"
                + "\"Artist\":{\"value\":\"<a href=\\\"//commons.wikimedia.org/wiki/User:Ann\\\">Ann &amp; Bo</a>\"},"
                + "\"ImageDescription\":{\"value\":\"A <b>red</b> fox " + id + "\"}}}]}";
    }

    static String answer(String cont, String... pages) {
        return "{\"batchcomplete\":true," + (cont == null ? "" : "\"continue\":{\"gsroffset\":" + cont
                + ",\"continue\":\"gsroffset||\"},") + "\"query\":{\"pages\":[" + String.join(",", pages) + "]}}";
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

    private WikimediaEngine engine(List<String> licences) {
        return new WikimediaEngine(s.url("/w/api.php"), 320, 1 << 20, EngineServer.UA, s.policy("wikimedia", List.of()),
                licences);
    }

    @Test
    void normalPageInRankOrderWithThumbnailAndPlainTextMetadata() throws Exception {
        s.json(200, answer("2", pageJson(11, 2, "CC BY-SA 4.0"), pageJson(10, 1, "CC0")));
        try (WikimediaEngine e = engine(List.of())) {
            SearchPage p = e.search("red fox", 2, 0);
            assertEquals(List.of("10", "11"), p.hits().stream().map(SearchHit::id).toList(), "sorted by 'index'");
            SearchHit h = p.hits().get(0);
            assertEquals("https://upload.wikimedia.org/thumb/10/320px-x.jpg", h.imageUrl());
            assertEquals("cc0", h.licence());
            assertEquals("by-sa", p.hits().get(1).licence());
            assertEquals("Ann & Bo", h.creator(), "extmetadata is HTML: tags and entities stripped");
            assertEquals("A red fox 10", h.caption());
            assertEquals("https://commons.wikimedia.org/wiki/File:Red_fox_10.jpg", h.pageUrl());
        }
        RecordedRequest r = s.take();
        assertEquals("filetype:bitmap red fox", r.getUrl().queryParameter("gsrsearch"));
        assertEquals("6", r.getUrl().queryParameter("gsrnamespace"));
        assertEquals("320", r.getUrl().queryParameter("iiurlwidth"));
        assertEquals("2", r.getUrl().queryParameter("formatversion"));
        assertEquals(EngineServer.UA, r.getHeaders().get("User-Agent"));
        assertTrue(EngineServer.UA.startsWith("Explorer/"), "a descriptive User-Agent (Wikimedia policy)");
    }

    @Test
    void continueIsCopiedIntoTheNextRequestAndItsAbsenceEndsPaging() throws Exception {
        s.json(200, answer("50", pageJson(1, 1, "CC0")));
        s.json(200, answer(null, pageJson(2, 1, "CC0")));
        try (WikimediaEngine e = engine(List.of())) {
            e.search("fox", 80, 0);
            e.search("fox", 80, 1);
            assertEquals(0, e.search("fox", 80, 2).hits().size(), "no continue: that was the last page");
        }
        RecordedRequest first = s.take();
        assertEquals("50", first.getUrl().queryParameter("gsrlimit"), "at most 50 thumbnails per request");
        assertNull(first.getUrl().queryParameter("gsroffset"));
        RecordedRequest second = s.take();
        assertEquals("50", second.getUrl().queryParameter("gsroffset"));
        assertEquals("gsroffset||", second.getUrl().queryParameter("continue"));
        assertEquals(2, s.server.getRequestCount());
    }

    @Test
    void olderKeyedObjectShapeIsReadToo() throws Exception {
        s.json(200, "{\"query\":{\"pages\":{\"5\":" + pageJson(5, 1, "Public domain") + "}}}");
        try (WikimediaEngine e = engine(List.of("pdm"))) {
            SearchPage p = e.search("fox", 10, 0);
            assertEquals("pdm", p.hits().get(0).licence());
        }
    }

    @Test
    void licenceFilterIsCheckedOnTheResult() throws Exception {
        s.json(200, answer(null, pageJson(1, 1, "CC BY-NC 2.0"), pageJson(2, 2, "CC BY 4.0"), pageJson(3, 3, "GFDL")));
        try (WikimediaEngine e = engine(List.of("by", "cc0"))) {
            assertEquals(List.of("2"), e.search("fox", 10, 0).hits().stream().map(SearchHit::id).toList());
        }
    }

    @Test
    void apiErrorAndMaxlagAndMalformed() throws Exception {
        s.json(200, "{\"error\":{\"code\":\"badvalue\",\"info\":\"Unrecognized value for parameter\"}}");
        s.quota(503, "1"); // maxlag answers 503 with Retry-After
        s.json(200, answer(null, pageJson(1, 1, "CC0")));
        s.json(200, "{\"query\":");
        try (WikimediaEngine e = engine(List.of())) {
            assertTrue(assertThrows(SearchException.class, () -> e.search("fox", 10, 0)).getMessage().contains("badvalue"));
            assertEquals(1, e.search("fox", 10, 0).hits().size());
            assertEquals(List.of(1_000L), s.waits);
            assertTrue(assertThrows(SearchException.class, () -> e.search("fox", 10, 0)).getMessage().contains("malformed"));
        }
    }
}
