package dev.explorer.agent.search;

import dev.explorer.config.DownloadConfig;
import dev.explorer.config.SearchConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A MockWebServer playing one engine, answering recorded responses in order, plus what the tests
 * of every engine need: a policy that records waits instead of sleeping, and a settings record
 * pointing the engine at the server.
 */
final class EngineServer implements AutoCloseable {
    final MockWebServer server = new MockWebServer();
    final List<Long> waits = new ArrayList<>();
    long now = 1_000_000;

    EngineServer() throws IOException {
        server.start();
    }

    String url(String path) {
        return server.url(path).toString();
    }

    void json(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build());
    }

    void quota(int code, String retryAfter) {
        MockResponse.Builder b = new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
                .body("{\"detail\":\"Request was throttled.\"}");
        if (retryAfter != null) {
            b.setHeader("Retry-After", retryAfter);
        }
        server.enqueue(b.build());
    }

    RecordedRequest take() throws InterruptedException {
        return server.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Retries 2, breaker after 3 failures in a row, no real waiting (waits are recorded, the clock moves by them). */
    RequestPolicy policy(String engine, List<RequestPolicy.Budget> budgets) {
        return new RequestPolicy(engine, budgets, 2, 100, 60_000, 3, 30_000, () -> now, ms -> {
            waits.add(ms);
            now += ms;
        }, 7);
    }

    static SearchConfig config(SearchConfig.Engine e, String url) {
        return SearchConfig.DEFAULTS.withEngine(e, url).withRetries(2, 100, 3, 30_000);
    }

    static final Map<String, String> ENV = Map.of("FLICKR_API_KEY", "secret-flickr-key", "OPENVERSE_TOKEN", "secret-token");

    static final String UA = DownloadConfig.DEFAULTS.userAgent();

    @Override
    public void close() {
        server.close();
    }
}
