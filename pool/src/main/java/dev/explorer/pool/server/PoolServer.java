package dev.explorer.pool.server;

import static dev.explorer.config.common.Html.esc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.explorer.pool.PoolEntry;
import dev.explorer.pool.PoolLayout;
import dev.explorer.pool.PoolManifest;
import dev.explorer.pool.search.Oracle;
import dev.explorer.pool.search.PoolSearcher;
import dev.explorer.pool.search.SearchResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's search engine over HTTP, on the JDK's built-in server with a bounded worker pool.
 * <ul>
 *   <li>{@code GET /search?q=&n=&page=}: JSON {query, page, n, total, results: [{id, url,
 *       pageUrl, caption, width, height, licence, score}]}</li>
 *   <li>{@code GET /search.html?q=&n=&page=}: the same as an HTML results page</li>
 *   <li>{@code GET /img/<id>.png}: thumbnail bytes (immutable caching, ETag)</li>
 *   <li>{@code GET /page/<id>}: an HTML page showing one image with its caption</li>
 *   <li>{@code GET /healthz}, {@code GET /stats}</li>
 * </ul>
 * Bad parameters get 400 with a JSON error, unknown ids and paths 404, other methods 405. Ground
 * truth (eval.jsonl) is never opened, except by an {@link Oracle} server (the representation
 * experiment's upper reference, not a method), which answers every search with relevant images.
 *
 * <pre>{@code
 * try (PoolServer s = PoolServer.start(poolDir, "127.0.0.1", 0)) { URI base = s.uri(); ... }
 * }</pre>
 */
public final class PoolServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PoolServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Default and largest number of results per page. */
    public static final int DEFAULT_N = 20;
    public static final int MAX_N = 100;
    public static final int MAX_QUERY_CHARS = 200;

    /** Seconds a client has to send its request before its connection is closed. */
    public static final long REQUEST_TIMEOUT_SECONDS = 10;

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm on, the
        // client's delayed ACK then adds ~40 ms to every keep-alive response. Read once, when
        // the first JDK server starts; an explicit -D setting wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        // The JDK server reads a request's headers on a worker thread, so a client that sends
        // half a request and idles holds that thread; without a limit a few such clients
        // (slowloris) stop the server. This closes a connection whose request has not been
        // answered after this many seconds (the JDK's timer, checked about once a second).
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(REQUEST_TIMEOUT_SECONDS));
        }
    }


    private final Path poolDir;
    private final PoolSearcher searcher;
    /** Non-null: every search is answered by the ground-truth oracle instead of the index. */
    private final Oracle oracle;
    private final PoolManifest manifest;
    private final HttpServer http;
    private final ThreadPoolExecutor workers;
    /** Requests being answered at once: search and image work stays bounded by the cores. */
    private final Semaphore answering;
    private final int threads;
    private final URI uri;
    private final Instant started = Instant.now();
    private final LongAdder searches = new LongAdder();
    private final LongAdder images = new LongAdder();
    private final LongAdder errors = new LongAdder();

    private PoolServer(Path poolDir, String host, int port, int threads, OracleSpec oracleSpec) throws IOException {
        this.poolDir = poolDir;
        this.manifest = PoolLayout.manifest(poolDir);
        this.searcher = PoolSearcher.open(poolDir);
        try {
            this.oracle = oracleSpec == null ? null : Oracle.of(searcher.entries(), PoolLayout.readEval(poolDir),
                    oracleSpec.topics(), oracleSpec.sources(), oracleSpec.seed());
        } catch (IOException | RuntimeException e) {
            searcher.close();
            throw e;
        }
        try {
            this.http = HttpServer.create(new InetSocketAddress(host, port), 256);
        } catch (IOException e) {
            searcher.close();
            throw new IOException("cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "): choose another port with --set pool.port=N (0 = any free port)", e);
        }
        AtomicInteger n = new AtomicInteger();
        // Many connection threads, few answering at once: a thread waiting for a slow client's
        // headers costs memory, not CPU, and must not keep others from being answered. Idle
        // threads end after 30 s. A burst beyond the queue runs on the accepting thread.
        this.threads = threads;
        this.answering = new Semaphore(threads);
        int connections = Math.max(64, 8 * threads);
        this.workers = new ThreadPoolExecutor(connections, connections, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1024), r -> {
                    Thread t = new Thread(r, "pool-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        workers.allowCoreThreadTimeOut(true);
        http.setExecutor(workers);
        http.createContext("/", this::handle);
        http.start();
        InetSocketAddress a = http.getAddress();
        String h = a.getAddress().getHostAddress();
        if (h.contains(":")) {
            h = "[" + h + "]";
        }
        this.uri = URI.create("http://" + h + ":" + a.getPort());
        LOG.info("pool server: {} images at {}", searcher.size(), uri);
        if (oracle != null) {
            LOG.warn("ORACLE pool server (an upper reference, NOT a method): every search is answered with {} chosen"
                    + " by the pool's ground truth", oracle.description());
        }
    }

    /**
     * An oracle server's relevant images: ground-truth topics and/or sources (empty = any), and the
     * seed of each query's order.
     */
    public record OracleSpec(java.util.Set<String> topics, java.util.Set<String> sources, long seed) {
        public OracleSpec {
            topics = java.util.Set.copyOf(topics);
            sources = java.util.Set.copyOf(sources);
            if (topics.isEmpty() && sources.isEmpty()) {
                throw new IllegalArgumentException("an oracle needs relevant topics or sources");
            }
        }
    }

    /** Starts a server on a built pool; port 0 picks a free port. */
    public static PoolServer start(Path poolDir, String host, int port) throws IOException {
        return start(poolDir, host, port, Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
    }

    public static PoolServer start(Path poolDir, String host, int port, int threads) throws IOException {
        return new PoolServer(poolDir, host, port, threads, null);
    }

    /** A server whose searches are answered by the ground-truth oracle (null = a normal server). */
    public static PoolServer start(Path poolDir, String host, int port, int threads, OracleSpec oracle)
            throws IOException {
        return new PoolServer(poolDir, host, port, threads, oracle);
    }

    /** The oracle answering searches, or null for a normal server. */
    public Oracle oracle() {
        return oracle;
    }

    /** The base URI, e.g. {@code http://127.0.0.1:8765}. */
    public URI uri() {
        return uri;
    }

    public PoolSearcher searcher() {
        return searcher;
    }

    @Override
    public void close() throws IOException {
        http.stop(0);
        workers.shutdownNow();
        searcher.close();
    }

    /** A client error: answered with its status and a JSON body. */
    private static final class HttpError extends Exception {
        final int status;

        HttpError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            answering.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.close();
            return;
        }
        try {
            answer(ex);
        } finally {
            answering.release();
        }
    }

    private void answer(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                String path = ex.getRequestURI().getRawPath();
                if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                    ex.getResponseHeaders().set("Allow", "GET, HEAD");
                    throw new HttpError(405, "method " + ex.getRequestMethod() + " not allowed; use GET");
                }
                if (path.equals("/search")) {
                    searchJson(ex);
                } else if (path.equals("/search.html") || path.equals("/")) {
                    searchHtml(ex);
                } else if (path.startsWith("/img/")) {
                    image(ex, path.substring("/img/".length()));
                } else if (path.startsWith("/page/")) {
                    page(ex, path.substring("/page/".length()));
                } else if (path.equals("/healthz")) {
                    ObjectNode o = JSON.createObjectNode().put("status", "ok").put("images", searcher.size());
                    if (oracle != null) {
                        o.put("oracle", "upper reference, not a method: " + oracle.description());
                    }
                    send(ex, 200, "application/json", JSON.writeValueAsBytes(o), "no-store");
                } else if (path.equals("/stats")) {
                    stats(ex);
                } else {
                    throw new HttpError(404, "no such path: " + path
                            + " (try /search?q=, /search.html?q=, /img/<id>.png, /healthz, /stats)");
                }
            } catch (HttpError e) {
                errors.increment();
                ObjectNode o = JSON.createObjectNode().put("error", e.getMessage()).put("status", e.status);
                send(ex, e.status, "application/json", JSON.writeValueAsBytes(o), "no-store");
            } catch (IOException e) {
                // the client went away mid-response; nothing to answer
                LOG.debug("i/o error answering {}: {}", ex.getRequestURI(), e.toString());
            } catch (RuntimeException e) {
                LOG.error("error answering {}", ex.getRequestURI(), e);
                errors.increment();
                ObjectNode o = JSON.createObjectNode().put("error", "internal error: " + e).put("status", 500);
                try {
                    send(ex, 500, "application/json", JSON.writeValueAsBytes(o), "no-store");
                } catch (IOException | RuntimeException ignored) {
                    // headers may already be out
                }
            }
        }
    }

    /** The parsed and checked query parameters of a search. */
    private record Params(String q, int n, int page) {
    }

    private static Params params(HttpExchange ex) throws HttpError {
        Map<String, String> m = query(ex.getRequestURI().getRawQuery());
        String q = m.get("q");
        if (q == null || q.isBlank()) {
            throw new HttpError(400, "missing query: give ?q=words");
        }
        if (q.length() > MAX_QUERY_CHARS) {
            throw new HttpError(400, "query is " + q.length() + " characters; at most " + MAX_QUERY_CHARS);
        }
        int n = intParam(m, "n", DEFAULT_N, 1);
        int page = intParam(m, "page", 0, 0);
        return new Params(q.strip(), Math.min(n, MAX_N), page);
    }

    private static int intParam(Map<String, String> m, String name, int dflt, int min) throws HttpError {
        String v = m.get(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v.strip());
            if (i < min) {
                throw new HttpError(400, name + "=" + v + " is below " + min);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new HttpError(400, name + "=" + v + " is not a whole number");
        }
    }

    static Map<String, String> query(String raw) throws HttpError {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                m.putIfAbsent(k, v);
            } catch (IllegalArgumentException e) {
                throw new HttpError(400, "malformed query string: " + e.getMessage());
            }
        }
        return m;
    }

    private SearchResult run(Params p) throws IOException {
        searches.increment();
        return oracle != null ? oracle.search(p.q(), p.n(), p.page()) : searcher.search(p.q(), p.n(), p.page());
    }

    private void searchJson(HttpExchange ex) throws IOException, HttpError {
        Params p = params(ex);
        SearchResult r = run(p);
        ObjectNode o = JSON.createObjectNode();
        o.put("query", r.query()).put("page", r.page()).put("n", r.n()).put("total", r.total());
        ArrayNode results = o.putArray("results");
        for (SearchResult.Hit h : r.hits()) {
            PoolEntry e = h.entry();
            results.addObject().put("id", e.id()).put("url", uri + "/img/" + e.id() + ".png")
                    .put("pageUrl", uri + "/page/" + e.id()).put("caption", e.caption().display())
                    .put("width", e.width()).put("height", e.height()).put("licence", e.licence())
                    .put("score", Math.round(h.score() * 1000) / 1000.0);
        }
        send(ex, 200, "application/json", JSON.writeValueAsBytes(o), "no-cache");
    }

    private void searchHtml(HttpExchange ex) throws IOException, HttpError {
        Map<String, String> m = query(ex.getRequestURI().getRawQuery());
        StringBuilder b = new StringBuilder(8192);
        String q = m.getOrDefault("q", "");
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(q.isBlank() ? "Pool search" : esc(q) + " - Pool search").append("</title></head><body>\n")
                .append("<form action=\"/search.html\" method=\"get\"><input name=\"q\" value=\"").append(esc(q))
                .append("\"><button>Search</button></form>\n");
        if (!q.isBlank()) {
            Params p = params(ex);
            SearchResult r = run(p);
            b.append("<p class=\"total\">About ").append(r.total()).append(" results</p>\n<ol class=\"results\" start=\"")
                    .append(p.page() * p.n() + 1).append("\">\n");
            for (SearchResult.Hit h : r.hits()) {
                PoolEntry e = h.entry();
                String cap = esc(e.caption().display());
                b.append("<li class=\"result\" data-id=\"").append(e.id()).append("\"><a href=\"/page/").append(e.id())
                        .append("\"><img src=\"/img/").append(e.id()).append(".png\" width=\"").append(e.width())
                        .append("\" height=\"").append(e.height()).append("\" alt=\"").append(cap)
                        .append("\"></a><p class=\"caption\">").append(cap).append("</p></li>\n");
            }
            b.append("</ol>\n<nav>");
            String enc = URLEncoder.encode(p.q(), StandardCharsets.UTF_8);
            if (p.page() > 0) {
                b.append("<a rel=\"prev\" href=\"/search.html?q=").append(enc).append("&amp;n=").append(p.n())
                        .append("&amp;page=").append(p.page() - 1).append("\">Previous</a> ");
            }
            if (r.hits().size() == p.n()) {
                b.append("<a rel=\"next\" href=\"/search.html?q=").append(enc).append("&amp;n=").append(p.n())
                        .append("&amp;page=").append(p.page() + 1).append("\">Next</a>");
            }
            b.append("</nav>\n");
        }
        b.append("</body></html>\n");
        send(ex, 200, "text/html; charset=utf-8", b.toString().getBytes(StandardCharsets.UTF_8), "no-cache");
    }

    private PoolEntry entry(String id) throws HttpError {
        if (!id.matches("[0-9a-f]{16}")) {
            throw new HttpError(404, "no image with id '" + id + "'");
        }
        PoolEntry e = searcher.byId(id);
        if (e == null) {
            throw new HttpError(404, "no image with id '" + id + "'");
        }
        return e;
    }

    private void image(HttpExchange ex, String name) throws IOException, HttpError {
        if (!name.endsWith(".png")) {
            throw new HttpError(404, "images are served as /img/<id>.png");
        }
        PoolEntry e = entry(name.substring(0, name.length() - 4));
        images.increment();
        String etag = "\"" + e.id() + "\"";
        ex.getResponseHeaders().set("ETag", etag);
        if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
            ex.getResponseHeaders().set("Cache-Control", "public, max-age=31536000, immutable");
            ex.sendResponseHeaders(304, -1);
            return;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(poolDir.resolve(e.thumbPath()));
        } catch (NoSuchFileException nf) {
            throw new HttpError(404, "thumbnail of " + e.id() + " is missing from the pool directory: rebuild it");
        }
        // ids are content hashes: the bytes behind a URL never change
        send(ex, 200, "image/png", bytes, "public, max-age=31536000, immutable");
    }

    private void page(HttpExchange ex, String id) throws IOException, HttpError {
        PoolEntry e = entry(id);
        String cap = esc(e.caption().display());
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(e.title())
                + "</title></head><body>\n<h1>" + esc(e.title()) + "</h1>\n<img src=\"/img/" + e.id()
                + ".png\" width=\"" + e.width() + "\" height=\"" + e.height() + "\" alt=\"" + cap + "\">\n"
                + "<p class=\"caption\">" + cap + "</p>\n<p class=\"licence\">Licence: " + esc(e.licence())
                + "</p>\n</body></html>\n";
        send(ex, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8),
                "public, max-age=86400");
    }

    private void stats(HttpExchange ex) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", manifest.name()).put("images", searcher.size()).put("tagProbability", manifest.tagProbability())
                .put("uptimeSeconds", Duration.between(started, Instant.now()).toSeconds())
                .put("searches", searches.sum()).put("imagesServed", images.sum()).put("errors", errors.sum())
                .put("workerThreads", threads).put("maxResultsPerPage", MAX_N);
        if (oracle != null) {
            o.put("oracle", "upper reference, not a method: " + oracle.description());
        }
        ObjectNode per = o.putObject("imagesPerSource");
        manifest.imagesPerSource().forEach(per::put);
        send(ex, 200, "application/json", JSON.writeValueAsBytes(o), "no-store");
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body, String cache) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", cache);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = ex.getRequestMethod().equals("HEAD");
        if (head) {
            ex.getResponseHeaders().set("Content-Length", String.valueOf(body.length));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }
}
