package dev.explorer.agent.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.config.DownloadConfig;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fetcher's manners against hostile and opted-out hosts: robots.txt (allow, disallow, 4xx
 * allows, 5xx disallows, fetched once per host), X-Robots-Tag opt-outs with the user-agent token
 * rule, and the User-Agent on every request. Each refusal is its own failure kind and the batch
 * goes on (a good image in the same batch always arrives).
 */
class EtiquetteTest {
    private final Map<String, MockWebServer> servers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> robotsHits = new ConcurrentHashMap<>();
    private final List<String> agents = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** One host per robots.txt behaviour: each MockWebServer is its own host:port. */
    private MockWebServer host(String name, MockResponse robots) throws IOException {
        MockWebServer s = new MockWebServer();
        robotsHits.put(name, new AtomicInteger());
        s.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                agents.add(String.valueOf(r.getHeaders().get("User-Agent")));
                String path = r.getUrl().encodedPath();
                if (path.equals("/robots.txt")) {
                    robotsHits.get(name).incrementAndGet();
                    return robots;
                }
                MockResponse.Builder b;
                try {
                    // a different image per path, so no result is a duplicate of another
                    b = new MockResponse.Builder().code(200).setHeader("Content-Type", "image/png").body(new Buffer()
                            .write(DownloaderTest.encode(DownloaderTest.pattern(path.hashCode(), 64), "png")));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                String to = r.getUrl().queryParameter("to");
                if (to != null) {
                    return new MockResponse.Builder().code(302).setHeader("Location", to).build();
                }
                String tag = r.getUrl().queryParameter("tag");
                if (tag != null) {
                    b.addHeader("X-Robots-Tag", tag);
                }
                return b.build();
            }
        });
        s.start();
        servers.put(name, s);
        return s;
    }

    private static MockResponse text(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "text/plain").body(body).build();
    }

    private String url(String host, String path) {
        return servers.get(host).url(path).toString();
    }

    @BeforeEach
    void start() throws IOException {
        host("open", text(404, "no robots here"));
        host("closed", text(200, "User-agent: *\nDisallow: /private/\n\nUser-agent: explorer\nDisallow: /noexplorer/\n"
                + "Disallow: /private/\n"));
        host("broken", text(503, "down"));
    }

    @AfterEach
    void stop() {
        servers.values().forEach(MockWebServer::close);
    }

    private static DownloadConfig config(boolean robots, boolean xRobots) {
        return config(robots, xRobots, 0);
    }

    private static DownloadConfig config(boolean robots, boolean xRobots, int intervalMs) {
        DownloadConfig d = DownloadConfig.DEFAULTS;
        return new DownloadConfig(4, 1_000, 2_000, 5_000, d.maxBytes(), d.maxPixels(), 0, 2, 20, -1, 128, true,
                "ops@example.org", "explorer", robots, xRobots, intervalMs);
    }

    private DownloadBatch fetch(DownloadConfig c, List<String> urls) {
        try (Downloader d = new Downloader(c)) {
            return d.fetch(urls, new DedupeIndex(-1), null);
        }
    }

    @Test
    void robotsTxtRefusalsAreCountedAndTheRestArrives() {
        DownloadBatch b = fetch(config(true, true), List.of(
                url("open", "/a.png"),
                url("closed", "/private/b.png"),
                url("closed", "/noexplorer/c.png"),
                url("closed", "/public/d.png"),
                url("broken", "/e.png"),
                url("open", "/f.png")));
        assertNull(b.results().get(0).failure(), "404 robots.txt allows everything");
        assertEquals(FailureKind.ROBOTS_TXT, b.results().get(1).failure());
        assertEquals(FailureKind.ROBOTS_TXT, b.results().get(2).failure(), "our own group is obeyed");
        assertNull(b.results().get(3).failure());
        assertEquals(FailureKind.ROBOTS_TXT, b.results().get(4).failure(), "5xx robots.txt disallows everything");
        assertEquals(Map.of("robots-txt", 3), b.failureCountsByKey());
        assertEquals(1, robotsHits.get("closed").get(), "robots.txt fetched once per host");
        assertEquals(1, robotsHits.get("open").get());
    }

    @Test
    void aRedirectToADisallowedPathOnAnotherHostIsRefusedToo() {
        String hop = url("closed", "/private/x.png");
        String ok = url("closed", "/public/y.png");
        DownloadBatch b = fetch(config(true, true), List.of(
                servers.get("open").url("/r1.png").newBuilder().addQueryParameter("to", hop).build().toString(),
                servers.get("open").url("/r2.png").newBuilder().addQueryParameter("to", ok).build().toString()));
        assertEquals(FailureKind.ROBOTS_TXT, b.results().get(0).failure(), b.results().get(0).detail());
        assertTrue(b.results().get(0).detail().contains("redirect"), b.results().get(0).detail());
        assertNull(b.results().get(1).failure(), "an allowed redirect target arrives");
    }

    @Test
    void robotsTxtOffFetchesNoRobots() {
        DownloadBatch b = fetch(config(false, true), List.of(url("closed", "/private/b.png")));
        assertNull(b.results().get(0).failure());
        assertEquals(0, robotsHits.get("closed").get());
    }

    @Test
    void xRobotsTagOptOutsAreRefusedWithTheTokenRule() {
        List<String> tags = List.of("noai", "noimageai, nofollow", "noindex", "NoImageIndex", "otherbot: noai",
                "explorer: noimageai", "nofollow", "unavailable_after: 25 Jun 2010 15:00:00 PST");
        List<String> urls = new java.util.ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            urls.add(servers.get("open").url("/img" + i + ".png").newBuilder().addQueryParameter("tag", tags.get(i)).build()
                    .toString());
        }
        DownloadBatch b = fetch(config(true, true), urls);
        List<FailureKind> kinds = b.results().stream().map(DownloadResult::failure).toList();
        assertEquals(FailureKind.X_ROBOTS_TAG, kinds.get(0));
        assertEquals(FailureKind.X_ROBOTS_TAG, kinds.get(1));
        assertEquals(FailureKind.X_ROBOTS_TAG, kinds.get(2));
        assertEquals(FailureKind.X_ROBOTS_TAG, kinds.get(3), "directives are case-insensitive");
        assertTrue(kinds.get(4) != FailureKind.X_ROBOTS_TAG, "a tag for another agent does not bind us");
        assertEquals(FailureKind.X_ROBOTS_TAG, kinds.get(5), "a tag for our token does");
        assertTrue(kinds.get(6) != FailureKind.X_ROBOTS_TAG);
        assertTrue(kinds.get(7) != FailureKind.X_ROBOTS_TAG);
        assertEquals(5, b.failureCountsByKey().get("x-robots-tag"));
        assertEquals(3, b.accepted().size(), "the batch goes on: the three images without an opt-out arrive");

        DownloadBatch off = fetch(config(true, false), urls.subList(0, 1));
        assertNull(off.results().get(0).failure(), "download.honourXRobotsTag=false fetches it");
    }

    @Test
    void requestsToOneHostArePacedByTheIntervalOrTheCrawlDelay() throws IOException {
        host("slow", text(200, "User-agent: *\nCrawl-delay: 1\n"));
        List<String> urls = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            urls.add(url("open", "/o" + i + ".png"));
            urls.add(url("slow", "/s" + i + ".png"));
        }
        try (Downloader d = new Downloader(config(true, true, 50))) {
            DownloadBatch b = d.fetch(urls, new DedupeIndex(-1), null);
            assertEquals(6, b.accepted().size(), b.failureCountsByKey().toString());
            // scheduled gaps, not measured times: 3 requests per host leave 2 gaps each
            assertEquals(2 * 50 + 2 * 1_000, d.pacedGapsMillis(), "50 ms on 'open', the 1 s Crawl-delay on 'slow'");
        }
    }

    @Test
    void everyRequestCarriesTheDescriptiveUserAgent() {
        fetch(config(true, true), List.of(url("open", "/a.png")));
        assertEquals(2, agents.size(), "robots.txt, then the image");
        for (String ua : agents) {
            assertEquals("Explorer/0.1 (ops@example.org; explorer) okhttp/5", ua);
        }
    }
}
