package dev.explorer.agent.download;

import dev.explorer.config.DownloadConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ProtocolException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches candidate images concurrently and defensively. Network threads ({@code concurrency},
 * at most {@code perHostConcurrency} per host) only move bytes: connect/read/total timeouts, a
 * byte cap enforced while streaming, content-type and magic-byte checks, retries with exponential
 * backoff for transient failures only (timeouts, connection errors, 5xx, 429). Hashing, the
 * header-first pixel cap, decoding and resizing run on a separate pool sized to the CPUs. Exact
 * and near-duplicates are removed afterwards in input order, so which copy survives does not
 * depend on timing. Every URL ends as a candidate or a counted {@link FailureKind}; nothing
 * thrown by a server stops the batch.
 */
public final class Downloader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Downloader.class);

    private final DownloadConfig config;
    private final OkHttpClient client;
    private final ExecutorService network;
    private final ExecutorService decoding;
    private final ImageDecoder decoder;
    private final RobotsTxt robots;
    /** The interceptor is built before {@link #robots} (which needs the client): it reads it from here. */
    private final RobotsTxt[] robotsRef = new RobotsTxt[1];

    /** Thrown from the network interceptor when a hop's host disallows us. */
    static final class RobotsRefusal extends java.io.IOException {
        RobotsRefusal(String message) {
            super(message);
        }
    }
    /** Per host, the earliest time (System.nanoTime) the next request may start. */
    private final Map<String, Long> nextStart = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong pacedGaps = new java.util.concurrent.atomic.AtomicLong();
    /** Crawl-delays above this are not waited for in full: one slow host must not stall the batch for minutes. */
    static final long MAX_CRAWL_DELAY_MS = 30_000;
    private final Map<String, Semaphore> perHost = new ConcurrentHashMap<>();
    /**
     * Downloads started and not yet decoded. Fetching outpaces decoding on a fast network, and each
     * waiting file may weigh up to download.maxBytes: this bounds the files held at once to
     * {@link #UNDECODED_PER_DOWNLOAD} x download.concurrency (a network thread waits for a permit).
     */
    private final Semaphore undecoded;
    static final int UNDECODED_PER_DOWNLOAD = 4;

    /** A downloader that trusts no local address unless download.allowPrivateAddresses is set. */
    public Downloader(DownloadConfig config) {
        this(config, List.of());
    }

    /**
     * @param trustedEndpoints URLs whose exact host and port may be local (the pool engine's
     *     endpoint, which serves its own images)
     */
    public Downloader(DownloadConfig config, List<String> trustedEndpoints) {
        this.config = config;
        AddressGuard guard = config.allowPrivateAddresses() ? AddressGuard.allowAll()
                : AddressGuard.trusting(trustedEndpoints);
        this.client = new OkHttpClient.Builder()
                .socketFactory(guard.socketFactory())
                .connectTimeout(Duration.ofMillis(config.connectTimeoutMs()))
                .readTimeout(Duration.ofMillis(config.readTimeoutMs()))
                .callTimeout(Duration.ofMillis(config.totalTimeoutMs()))
                .followRedirects(true)
                .followSslRedirects(true)
                .retryOnConnectionFailure(false) // retries are ours, counted and backed off
                .addNetworkInterceptor(chain -> chain.proceed(chain.request().newBuilder()
                        .header("User-Agent", config.userAgent()).build())) // every hop, robots.txt included
                .addNetworkInterceptor(chain -> {
                    // a redirect may lead to another host: its robots.txt is asked too, on every hop
                    HttpUrl hop = chain.request().url();
                    if (robotsRef[0] != null && !hop.encodedPath().equals("/robots.txt") && !robotsRef[0].allowed(hop)) {
                        throw new RobotsRefusal("robots.txt of " + hop.host() + " disallows " + config.userAgentToken()
                                + " at " + hop.encodedPath() + " (reached by a redirect)");
                    }
                    return chain.proceed(chain.request());
                })
                .build();
        this.network = Executors.newFixedThreadPool(config.concurrency(), daemon("download"));
        this.undecoded = new Semaphore(UNDECODED_PER_DOWNLOAD * config.concurrency());
        this.decoding = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), daemon("decode"));
        this.decoder = new ImageDecoder(config.maxPixels(), config.maxSide());
        this.robots = config.robotsTxt() ? new RobotsTxt(client, config.userAgentToken(), System::currentTimeMillis) : null;
        robotsRef[0] = robots;
    }

    /**
     * Fetches every URL and waits for all of them. Do not call it from two threads with the same
     * index.
     *
     * @param index images accepted earlier (updated with the new ones)
     * @param progress called once per URL as it finishes (from worker threads), may be null
     */
    public DownloadBatch fetch(List<String> urls, DedupeIndex index, Consumer<DownloadResult> progress) {
        long t0 = System.nanoTime();
        List<CompletableFuture<DownloadResult>> futures = new ArrayList<>(urls.size());
        for (String url : urls) {
            CompletableFuture<DownloadResult> f = CompletableFuture
                    .supplyAsync(() -> {
                        undecoded.acquireUninterruptibly();
                        return download(url);
                    }, network)
                    .thenApplyAsync(d -> d.result != null ? d.result : decode(url, d.bytes, d.format, d.attempts, index), decoding)
                    .whenComplete((r, e) -> undecoded.release())
                    .exceptionally(e -> new DownloadResult(url, null, FailureKind.DECODE_ERROR,
                            "unexpected: " + e, 0));
            if (progress != null) {
                f = f.whenComplete((r, e) -> {
                    if (r != null) {
                        progress.accept(r);
                    }
                });
            }
            futures.add(f);
        }
        // all fetches finish before the index changes: decode threads read it while they run
        List<DownloadResult> fetched = new ArrayList<>(urls.size());
        for (CompletableFuture<DownloadResult> f : futures) {
            fetched.add(f.join());
        }
        List<DownloadResult> results = new ArrayList<>(urls.size());
        for (DownloadResult r : fetched) {
            if (r.ok()) {
                FailureKind dup = index.check(r.candidate().sha256(), r.candidate().perceptualHash());
                if (dup != null) {
                    r = new DownloadResult(r.url(), null, dup, "same as an image already accepted", r.attempts());
                }
            }
            results.add(r);
        }
        DownloadBatch batch = new DownloadBatch(results, (System.nanoTime() - t0) / 1_000_000);
        log.info("downloaded {} of {} images in {} ms; failures by kind: {}", batch.accepted().size(), urls.size(),
                batch.millis(), batch.failureCountsByKey());
        return batch;
    }

    /** Bytes fetched (or the failure), before decoding. */
    private record Fetched(byte[] bytes, String format, int attempts, DownloadResult result) {}

    private Fetched download(String url) {
        HttpUrl u = HttpUrl.parse(url);
        if (u == null) {
            return new Fetched(null, null, 0, new DownloadResult(url, null, FailureKind.BAD_URL,
                    "not an http(s) URL", 0));
        }
        Semaphore slot = perHost.computeIfAbsent(u.host(), h -> new Semaphore(config.perHostConcurrency()));
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                slot.acquire();
                try {
                    byte[] bytes = get(u);
                    String format = ImageFormat.sniff(bytes, bytes.length);
                    if (format == null) {
                        throw new DownloadFailure(FailureKind.NOT_AN_IMAGE,
                                "first bytes are not a JPEG, PNG, GIF, BMP or WebP signature");
                    }
                    return new Fetched(bytes, format, attempt, null);
                } finally {
                    slot.release();
                }
            } catch (DownloadFailure f) {
                if (!f.retryable || attempt > config.retries()) {
                    return new Fetched(null, null, attempt, DownloadResult.failed(url, f, attempt));
                }
                try {
                    Thread.sleep((long) config.retryBackoffMs() << (attempt - 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Fetched(null, null, attempt, DownloadResult.failed(url, f, attempt));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Fetched(null, null, attempt, new DownloadResult(url, null, FailureKind.TIMEOUT, "interrupted", attempt));
            }
        }
    }

    private byte[] get(HttpUrl url) throws DownloadFailure {
        if (robots != null && !robots.allowed(url)) {
            throw new DownloadFailure(FailureKind.ROBOTS_TXT, "robots.txt of " + url.host() + " disallows "
                    + config.userAgentToken() + " here (download.robotsTxt=false to ignore it, which is impolite)");
        }
        pace(url);
        Request request = new Request.Builder().url(url).header("Accept", "image/*").build();
        try (Response response = client.newCall(request).execute()) {
            int code = response.code();
            if (code < 200 || code > 299) {
                throw new DownloadFailure(FailureKind.HTTP_STATUS, "HTTP " + code, code >= 500 || code == 429);
            }
            String optOut = config.honourXRobotsTag() ? optOut(response.headers("X-Robots-Tag"), config.userAgentToken()) : null;
            if (optOut != null) {
                throw new DownloadFailure(FailureKind.X_ROBOTS_TAG, "X-Robots-Tag: " + optOut);
            }
            String type = response.header("Content-Type");
            if (!ImageFormat.acceptableContentType(type)) {
                throw new DownloadFailure(FailureKind.WRONG_CONTENT_TYPE, "Content-Type " + type);
            }
            ResponseBody body = response.body();
            long declared = body.contentLength();
            if (declared > config.maxBytes()) {
                throw new DownloadFailure(FailureKind.TOO_LARGE,
                        "Content-Length " + declared + " above download.maxBytes=" + config.maxBytes());
            }
            try (InputStream in = body.byteStream()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 16_384);
                byte[] buf = new byte[16_384];
                long total = 0;
                int n;
                while ((n = in.read(buf)) != -1) {
                    total += n;
                    if (total > config.maxBytes()) {
                        throw new DownloadFailure(FailureKind.TOO_LARGE,
                                "body passed download.maxBytes=" + config.maxBytes() + " while streaming");
                    }
                    out.write(buf, 0, n);
                }
                return out.toByteArray();
            }
        } catch (DownloadFailure f) {
            throw f;
        } catch (ProtocolException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("follow-up")) {
                throw new DownloadFailure(FailureKind.REDIRECT_LOOP, m);
            }
            throw new DownloadFailure(FailureKind.CONNECTION, "protocol error: " + m, false);
        } catch (RobotsRefusal e) {
            throw new DownloadFailure(FailureKind.ROBOTS_TXT, e.getMessage());
        } catch (InterruptedIOException e) {
            throw new DownloadFailure(FailureKind.TIMEOUT, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (IOException e) {
            AddressGuard.RefusedAddressException refused = AddressGuard.refusedIn(e);
            if (refused != null) {
                throw new DownloadFailure(FailureKind.PRIVATE_ADDRESS, refused.getMessage());
            }
            throw new DownloadFailure(FailureKind.CONNECTION, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // OkHttp rejects some malformed answers (bad headers, bad redirect targets) unchecked
            throw new DownloadFailure(FailureKind.CONNECTION, "unusable answer: " + e, false);
        }
    }

    /**
     * Waits until this host may be asked again: download.perHostIntervalMs, or the host's
     * robots.txt Crawl-delay when longer (capped). Start times are reserved under the map's lock, so
     * concurrent workers queue one interval apart.
     */
    private void pace(HttpUrl url) throws DownloadFailure {
        long gapMs = Math.max(config.perHostIntervalMs(),
                robots == null ? 0 : Math.min(MAX_CRAWL_DELAY_MS, robots.crawlDelayMs(url)));
        if (gapMs <= 0) {
            return;
        }
        long now = System.nanoTime();
        long[] start = new long[1];
        nextStart.compute(url.host() + ":" + url.port(), (k, next) -> {
            start[0] = next == null ? now : Math.max(now, next);
            if (next != null) {
                pacedGaps.addAndGet(gapMs);
            }
            return start[0] + gapMs * 1_000_000;
        });
        long waitNs = start[0] - now;
        if (waitNs > 0) {
            try {
                Thread.sleep(waitNs / 1_000_000, (int) (waitNs % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadFailure(FailureKind.TIMEOUT, "interrupted while pacing requests to " + url.host());
            }
        }
    }

    /** Sum of the gaps scheduled between requests to the same host, milliseconds (for tests and logs). */
    public long pacedGapsMillis() {
        return pacedGaps.get();
    }

    /** Directives that opt an image out of AI training and indexing (img2dataset's defaults). */
    static final java.util.Set<String> OPT_OUT = java.util.Set.of("noai", "noimageai", "noindex", "noimageindex");

    /**
     * The X-Robots-Tag value that opts out, or null. A value may start with "token:" and then binds
     * only that user agent; without a token it binds every agent.
     */
    static String optOut(List<String> values, String token) {
        for (String v : values) {
            String directives = v;
            int colon = v.indexOf(':');
            if (colon > 0 && !v.substring(0, colon).contains(",")) {
                String agent = v.substring(0, colon).trim();
                // "unavailable_after: date" is a directive, not an agent; its value holds no opt-out either
                if (!agent.equalsIgnoreCase(token)) {
                    continue;
                }
                directives = v.substring(colon + 1);
            }
            for (String d : directives.split(",")) {
                if (OPT_OUT.contains(d.trim().toLowerCase(java.util.Locale.ROOT))) {
                    return v.trim();
                }
            }
        }
        return null;
    }

    private DownloadResult decode(String url, byte[] bytes, String format, int attempts, DedupeIndex index) {
        String sha = sha256(bytes);
        // accepted in an earlier batch: skip decoding (the index is only written between batches)
        if (index.hasContent(sha)) {
            return new DownloadResult(url, null, FailureKind.DUPLICATE, "same bytes as an image accepted earlier", attempts);
        }
        try {
            DecodedImage image = decoder.decode(bytes);
            return new DownloadResult(url, Candidate.of(url, sha, PerceptualHash.dHash(image), bytes.length, format, image),
                    null, null, attempts);
        } catch (DownloadFailure f) {
            return DownloadResult.failed(url, f, attempts);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        network.shutdownNow();
        decoding.shutdownNow();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
