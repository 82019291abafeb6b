package dev.explorer.agent.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.config.SearchConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Both engine clients against a server that answers exactly as the pool server does (its JSON
 * fields and its HTML template, relative links included). 250 images match any query; image i is
 * "img" + i with caption "caption i".
 */
class PoolEnginesTest {
    static final int TOTAL = 250;
    private MockWebServer server;
    private final List<String> requests = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                HttpUrl u = request.getUrl();
                synchronized (requests) {
                    requests.add(u.encodedPath() + "?" + u.encodedQuery());
                }
                String q = u.queryParameter("q");
                if (q == null || q.isBlank()) {
                    return new MockResponse.Builder().code(400).setHeader("Content-Type", "application/json")
                            .body("{\"error\":\"missing query: give ?q=words\",\"status\":400}").build();
                }
                int n = Math.min(100, Integer.parseInt(u.queryParameter("n")));
                int page = Integer.parseInt(u.queryParameter("page"));
                int from = Math.min(TOTAL, page * n);
                int to = Math.min(TOTAL, from + n);
                String origin = "http://" + u.host() + ":" + u.port();
                if (u.encodedPath().equals("/search")) {
                    StringBuilder b = new StringBuilder("{\"query\":\"" + q + "\",\"page\":" + page + ",\"n\":" + n
                            + ",\"total\":" + TOTAL + ",\"results\":[");
                    for (int i = from; i < to; i++) {
                        b.append(i > from ? "," : "").append("{\"id\":\"img").append(i).append("\",\"url\":\"")
                                .append(origin).append("/img/img").append(i).append(".png\",\"pageUrl\":\"")
                                .append(origin).append("/page/img").append(i).append("\",\"caption\":\"caption ")
                                .append(i).append("\",\"width\":64,\"height\":64,\"licence\":\"cc0\",\"score\":1.5}");
                    }
                    b.append("]}");
                    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                            .body(b.toString()).build();
                }
                if (u.encodedPath().equals("/search.html")) {
                    StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                            + "<title>" + q + " - Pool search</title></head><body>\n<form action=\"/search.html\" method=\"get\">"
                            + "<input name=\"q\" value=\"" + q + "\"><button>Search</button></form>\n"
                            + "<p class=\"total\">About " + TOTAL + " results</p>\n<ol class=\"results\" start=\""
                            + (from + 1) + "\">\n");
                    for (int i = from; i < to; i++) {
                        b.append("<li class=\"result\" data-id=\"img").append(i).append("\"><a href=\"/page/img").append(i)
                                .append("\"><img src=\"/img/img").append(i).append(".png\" width=\"64\" height=\"64\" alt=\"caption ")
                                .append(i).append("\"></a><p class=\"caption\">caption ").append(i).append(" &amp; more</p></li>\n");
                    }
                    b.append("</ol>\n<nav></nav>\n</body></html>\n");
                    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html; charset=utf-8")
                            .body(b.toString()).build();
                }
                return new MockResponse.Builder().code(404).build();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String endpoint() {
        return "http://" + server.getHostName() + ":" + server.getPort();
    }

    @Test
    void jsonEngineReadsThePoolsFields() throws SearchException {
        try (ImageSearchEngine e = new PoolJsonEngine(endpoint(), Duration.ofSeconds(5))) {
            SearchPage p = e.search("brown dog", 20, 1);
            assertEquals(TOTAL, p.total());
            assertEquals(20, p.hits().size());
            SearchHit h = p.hits().get(0);
            assertEquals("img20", h.id());
            assertEquals(endpoint() + "/img/img20.png", h.imageUrl());
            assertEquals(endpoint() + "/page/img20", h.pageUrl());
            assertEquals("caption 20", h.caption());
            assertEquals("/search?q=brown%20dog&n=20&page=1", requests.get(0));
        }
    }

    @Test
    void htmlEngineResolvesRelativeLinksAndDecodesEntities() throws SearchException {
        try (ImageSearchEngine e = SearchEngines.create(SearchConfig.DEFAULTS.withEngine(SearchConfig.Engine.POOL_HTML, endpoint()))) {
            SearchPage p = e.search("cat", 10, 0);
            assertEquals(TOTAL, p.total());
            assertEquals(10, p.hits().size());
            SearchHit h = p.hits().get(3);
            assertEquals("img3", h.id());
            assertEquals(endpoint() + "/img/img3.png", h.imageUrl());
            assertEquals(endpoint() + "/page/img3", h.pageUrl());
            assertEquals("caption 3 & more", h.caption());
            assertTrue(e.describe().startsWith("pool-html "));
        }
    }

    @Test
    void searchTopPagesBeyondTheServersPageLimit() throws SearchException {
        try (ImageSearchEngine e = new PoolJsonEngine(endpoint(), Duration.ofSeconds(5))) {
            SearchPage p = e.searchTop("shoe", 150);
            assertEquals(150, p.hits().size());
            assertEquals("img149", p.hits().get(149).id());
            assertEquals(2, requests.size());
            requests.clear();
            SearchPage all = e.searchTop("shoe", 400); // the engine runs out at 250
            assertEquals(TOTAL, all.hits().size());
            assertEquals(3, requests.size());
        }
        try (ImageSearchEngine e = new PoolHtmlEngine(endpoint(), Duration.ofSeconds(5))) {
            assertEquals(120, e.searchTop("shoe", 120).hits().size());
        }
    }

    @Test
    void failuresAreSearchExceptionsThatSayWhatToDo() throws IOException {
        try (ImageSearchEngine e = new PoolJsonEngine(endpoint(), Duration.ofSeconds(5))) {
            SearchException ex = assertThrows(SearchException.class, () -> e.search(" ", 10, 0));
            assertTrue(ex.getMessage().contains("HTTP 400"), ex.getMessage());
            assertTrue(ex.getMessage().contains("missing query"), ex.getMessage());
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (ImageSearchEngine e = new PoolJsonEngine("http://127.0.0.1:" + closed, Duration.ofSeconds(2))) {
            SearchException ex = assertThrows(SearchException.class, () -> e.search("dog", 10, 0));
            assertTrue(ex.getMessage().contains("is the pool server running"), ex.getMessage());
        }
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new PoolJsonEngine("localhost:8765", Duration.ofSeconds(1)));
        assertTrue(bad.getMessage().contains("search.endpoint"));
        assertNull(new PoolJsonEngine(endpoint(), Duration.ofSeconds(1)).absolute(" "));
    }
}
