package dev.explorer.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.explorer.pool.server.PoolServer;
import dev.explorer.pool.source.FolderSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoolServerTest {

    @TempDir
    static Path tmp;
    static PoolServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    /** Every body the server sent, to check that no ground truth leaks. */
    static final List<String> BODIES = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        Path images = tmp.resolve("images");
        TestPools.img2dataset(images, 150);
        Path pool = tmp.resolve("pool");
        PoolBuilder.to(pool).source(new FolderSource("mine", images, "CC0")).threads(2).progress(false).build();
        server = PoolServer.start(pool, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        // ground truth: the sidecar labels, and the names of the eval fields
        for (String body : BODIES) {
            for (int k = 0; k < 3; k++) {
                assertFalse(body.contains(TestPools.secret(k)), "served a ground-truth label: " + body);
            }
            assertFalse(body.contains("taxonomy") || body.contains("\"topic\""), "served an eval field: " + body);
        }
        assertTrue(BODIES.size() >= 10, "responses checked for ground truth: " + BODIES.size());
    }

    static HttpResponse<byte[]> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(server.uri().resolve(pathAndQuery)).GET().build());
    }

    static HttpResponse<byte[]> send(HttpRequest req) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HTTP.send(req, HttpResponse.BodyHandlers.ofByteArray());
        synchronized (BODIES) {
            BODIES.add(new String(r.body(), StandardCharsets.UTF_8));
        }
        return r;
    }

    static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    @Test
    void jsonSearchReturnsResultsWithImageAndPageUrls() throws Exception {
        HttpResponse<byte[]> r = get("/search?q=brown+dogs&n=5");
        assertEquals(200, r.statusCode());
        JsonNode o = json(r);
        assertEquals("brown dogs", o.get("query").asText());
        assertEquals(13, o.get("total").asInt(), "150 images / 12 subjects: 13 brown dogs");
        assertEquals(5, o.get("results").size());
        JsonNode first = o.get("results").get(0);
        assertTrue(first.get("caption").asText().contains("brown dog"));
        assertTrue(first.get("url").asText().startsWith(server.uri() + "/img/"));
        assertTrue(first.get("pageUrl").asText().startsWith(server.uri() + "/page/"));
        for (String f : List.of("id", "url", "pageUrl", "caption", "width", "height", "licence", "score")) {
            assertTrue(first.has(f), f);
        }
        // the next page continues, and a repeat is identical
        JsonNode p1 = json(get("/search?q=brown+dogs&n=5&page=1"));
        assertFalse(p1.get("results").get(0).get("id").asText().equals(first.get("id").asText()));
        assertEquals(o, json(get("/search?q=brown+dogs&n=5")));
    }

    @Test
    void nIsCappedAndRareQueriesFillThePage() throws Exception {
        JsonNode o = json(get("/search?q=aardvark&n=5000"));
        assertEquals(PoolServer.MAX_N, o.get("results").size());
        assertEquals(PoolServer.MAX_N, o.get("n").asInt());
        assertEquals(20, json(get("/search?q=zymurgy")).get("results").size(), "default n = 20, filled");
    }

    @Test
    void badParametersGet400WithJsonErrors() throws Exception {
        for (String bad : List.of("/search", "/search?q=", "/search?q=%20%20", "/search?q=dog&n=0", "/search?q=dog&n=abc",
                "/search?q=dog&page=-1", "/search?q=dog&n=99999999999", "/search?q=" + "a".repeat(201),
                "/search.html?q=dog&n=x")) {
            HttpResponse<byte[]> r = get(bad);
            assertEquals(400, r.statusCode(), bad);
            JsonNode e = json(r);
            assertEquals(400, e.get("status").asInt());
            assertFalse(e.get("error").asText().isBlank());
        }
    }

    @Test
    void malformedEscapesGet400() throws Exception {
        // java.net.http refuses to send a malformed URI: speak HTTP/1.1 directly
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.uri().getPort())) {
            socket.getOutputStream().write("GET /search?q=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String resp = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(resp.startsWith("HTTP/1.1 400"), resp);
            synchronized (BODIES) {
                BODIES.add(resp);
            }
        }
    }

    @Test
    void unknownIdsAndPathsGet404AndOtherMethods405() throws Exception {
        assertEquals(404, get("/img/0123456789abcdef.png").statusCode());
        assertEquals(404, get("/img/../../etc/passwd").statusCode());
        assertEquals(404, get("/page/nope").statusCode());
        assertEquals(404, get("/nothing-here").statusCode());
        HttpResponse<byte[]> post = send(HttpRequest.newBuilder(server.uri().resolve("/search?q=dog"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build());
        assertEquals(405, post.statusCode());
        assertEquals(405, json(post).get("status").asInt());
    }

    @Test
    void imagesComeWithContentTypeCachingAndEtag() throws Exception {
        String id = json(get("/search?q=cat&n=1")).get("results").get(0).get("id").asText();
        HttpResponse<byte[]> img = HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/img/" + id + ".png")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, img.statusCode());
        assertEquals("image/png", img.headers().firstValue("Content-Type").orElse(""));
        assertTrue(img.headers().firstValue("Cache-Control").orElse("").contains("max-age=31536000"));
        String etag = img.headers().firstValue("ETag").orElseThrow();
        assertEquals(String.valueOf(img.body().length), img.headers().firstValue("Content-Length").orElse(""));
        assertTrue(ImageIO.read(new ByteArrayInputStream(img.body())).getWidth() > 0);
        HttpResponse<byte[]> again = HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/img/" + id + ".png"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(304, again.statusCode());
        HttpResponse<byte[]> page = get("/page/" + id);
        assertEquals(200, page.statusCode());
        assertTrue(new String(page.body(), StandardCharsets.UTF_8).contains("/img/" + id + ".png"));
    }

    @Test
    void htmlResultsPageListsImagesForACrawler() throws Exception {
        HttpResponse<byte[]> r = get("/search.html?q=black+cat&n=10");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String html = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(10, html.split("<li class=\"result\"", -1).length - 1);
        assertTrue(html.contains("rel=\"next\""));
        assertTrue(html.contains("<img src=\"/img/"));
        assertTrue(get("/search.html?q=%3Cscript%3E").statusCode() == 200);
        assertFalse(new String(get("/search.html?q=%3Cscript%3E").body(), StandardCharsets.UTF_8).contains("<script>"),
                "queries are escaped");
    }

    @Test
    void healthAndStats() throws Exception {
        JsonNode h = json(get("/healthz"));
        assertEquals("ok", h.get("status").asText());
        assertEquals(150, h.get("images").asInt());
        get("/search?q=tree");
        JsonNode s = json(get("/stats"));
        assertEquals(150, s.get("images").asInt());
        assertTrue(s.get("searches").asLong() >= 1);
        assertEquals(150, s.get("imagesPerSource").get("mine").asInt());
    }

    @Test
    void startingOnABusyPortNamesTheFix() throws Exception {
        int port = server.uri().getPort();
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> PoolServer.start(tmp.resolve("pool"), "127.0.0.1", port));
        assertTrue(e.getMessage().contains("pool.port"), e.getMessage());
        assertEquals(URI.create("http://127.0.0.1:" + port), server.uri());
    }

    /**
     * Slowloris: clients that send half a request and idle, more of them than the server has
     * answering threads, neither stop it answering others nor hold their connections forever.
     */
    @Test
    void slowRequestHeadersDoNotBlockOthersAndAreClosed() throws Exception {
        try (PoolServer small = PoolServer.start(tmp.resolve("pool"), "127.0.0.1", 0, 2)) {
            List<java.net.Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    java.net.Socket s = new java.net.Socket("127.0.0.1", small.uri().getPort());
                    s.getOutputStream().write("GET /search?q=cat HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    slow.add(s);
                }
                Thread.sleep(300); // let the server hand all eight to its threads
                HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(small.uri().resolve("/search?q=dog&n=3"))
                        .timeout(java.time.Duration.ofSeconds(PoolServer.REQUEST_TIMEOUT_SECONDS / 2)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, r.statusCode(), "answered while 8 slow clients hold connections");
                // each slow connection is closed by the server once its request time is up
                int closed = 0;
                for (java.net.Socket s : slow) {
                    s.setSoTimeout((int) (PoolServer.REQUEST_TIMEOUT_SECONDS * 1000 + 5_000));
                    try {
                        if (s.getInputStream().read() == -1) {
                            closed++;
                        }
                    } catch (java.net.SocketException reset) {
                        closed++;
                    }
                }
                assertEquals(8, closed, "slow connections closed by the server");
            } finally {
                for (java.net.Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    @Test
    void oracleServerAnswersEverySearchWithRelevantImagesAndSaysSo() throws Exception {
        // every image of the test pool comes from source "mine": the oracle serves them for any query
        try (PoolServer oracle = PoolServer.start(tmp.resolve("pool"), "127.0.0.1", 0, 2,
                new PoolServer.OracleSpec(java.util.Set.of(), java.util.Set.of("mine"), 0))) {
            HttpResponse<byte[]> r = send(HttpRequest.newBuilder(oracle.uri().resolve("/search?q=zzznothing&n=7&page=3"))
                    .GET().build());
            JsonNode body = json(r);
            assertEquals(7, body.get("results").size());
            assertEquals(150, body.get("total").asInt());
            JsonNode health = json(send(HttpRequest.newBuilder(oracle.uri().resolve("/healthz")).GET().build()));
            assertTrue(health.get("oracle").asText().contains("not a method"), health.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> new PoolServer.OracleSpec(java.util.Set.of(), java.util.Set.of(), 0));
    }
}
