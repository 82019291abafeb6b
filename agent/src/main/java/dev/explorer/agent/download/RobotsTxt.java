package dev.explorer.agent.download;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * robots.txt of each image host, fetched once per scheme/host/port (concurrent askers wait for the
 * one fetch) and kept 24 h, as RFC 9309 allows. The fetch goes through the downloader's guarded
 * client (every hop checked), follows redirects and reads at most 500 KiB. Failure rules: 2xx is
 * parsed; 4xx allows everything; 5xx, a refused address or no answer disallows everything.
 */
final class RobotsTxt {
    static final int MAX_BYTES = 500 * 1024;
    static final long TTL_MS = 24L * 3600 * 1000;

    private record Entry(BaseRobotRules rules, long fetchedAt) {}

    private final OkHttpClient client;
    private final List<String> agents;
    private final LongSupplier clock;
    private final Map<String, CompletableFuture<Entry>> cache = new ConcurrentHashMap<>();
    private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();

    RobotsTxt(OkHttpClient client, String agentToken, LongSupplier clock) {
        this.client = client;
        this.agents = List.of(agentToken.toLowerCase(java.util.Locale.ROOT));
        this.clock = clock;
    }

    /** Whether the host's robots.txt lets our agent fetch {@code url}. */
    boolean allowed(HttpUrl url) {
        String key = url.scheme() + "://" + url.host() + ":" + url.port();
        long now = clock.getAsLong();
        CompletableFuture<Entry> f = cache.compute(key, (k, old) -> old == null
                || (old.isDone() && now - old.join().fetchedAt() > TTL_MS) ? new CompletableFuture<>() : old);
        if (!f.isDone()) {
            synchronized (f) {
                if (!f.isDone()) {
                    f.complete(new Entry(fetch(url.newBuilder().encodedPath("/robots.txt").query(null).fragment(null).build()),
                            now));
                }
            }
        }
        return f.join().rules().isAllowed(url.toString());
    }

    /** The host's Crawl-delay in milliseconds, 0 when none (asked after {@link #allowed}, so it is cached). */
    long crawlDelayMs(HttpUrl url) {
        CompletableFuture<Entry> f = cache.get(url.scheme() + "://" + url.host() + ":" + url.port());
        if (f == null || !f.isDone()) {
            return 0;
        }
        long d = f.join().rules().getCrawlDelay();
        return d == BaseRobotRules.UNSET_CRAWL_DELAY || d < 0 ? 0 : d;
    }

    private BaseRobotRules fetch(HttpUrl robots) {
        Request request = new Request.Builder().url(robots).header("Accept", "text/plain").build();
        try (Response r = client.newCall(request).execute()) {
            if (!r.isSuccessful()) {
                return parser.failedFetch(r.code());
            }
            byte[] bytes;
            try (InputStream in = r.body().byteStream()) {
                bytes = in.readNBytes(MAX_BYTES); // RFC 9309: parse at least 500 KiB; more is ignored
            }
            String type = r.header("Content-Type", "text/plain");
            return parser.parseContent(robots.toString(), bytes, type, agents);
        } catch (IOException | RuntimeException e) {
            // unreachable: assume complete disallow (RFC 9309 2.3.1.4)
            return new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_NONE);
        }
    }
}
