package dev.explorer.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium driven over the DevTools protocol (a WebSocket, JDK client): loads a page,
 * collects console errors, uncaught exceptions and browser log errors (failed loads, CSP
 * violations), evaluates expressions and takes full-page screenshots. Test code only.
 */
final class Chromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>();
    private String session;

    /** The browser executable: $EXPLORER_CHROMIUM, else chromium / chromium-browser / google-chrome on PATH; null if none. */
    static Path find() {
        String env = System.getenv("EXPLORER_CHROMIUM");
        if (env != null && !env.isBlank()) {
            if (!Files.isExecutable(Path.of(env))) {
                throw new IllegalStateException("EXPLORER_CHROMIUM=" + env + " is not an executable file; "
                        + "unset it or point it at a Chromium or Chrome binary");
            }
            return Path.of(env);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String d : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(d, name);
                if (!d.isEmpty() && Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    private Chromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** Starts a fresh headless browser with its own profile under {@code work}; its output goes to work/chromium.log. */
    static Chromium launch(Path executable, Path work, int width, int height) throws Exception {
        Path profile = Files.createDirectories(work.resolve("profile"));
        ProcessBuilder pb = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars", "--mute-audio",
                "--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height, "about:blank");
        pb.redirectErrorStream(true).redirectOutput(work.resolve("chromium.log").toFile());
        Process p = pb.start();
        // with port 0 the browser writes the port it chose and the browser endpoint into the profile
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("chromium exited with " + p.exitValue() + ": "
                        + Files.readString(work.resolve("chromium.log")));
            }
            if (Files.exists(portFile)) {
                lines = Files.readAllLines(portFile);
                if (lines.size() >= 2) {
                    break;
                }
            }
            Thread.sleep(50);
        }
        if (lines.size() < 2) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not open its DevTools port within " + TIMEOUT.toSeconds() + " s; log: "
                    + Files.readString(work.resolve("chromium.log")));
        }
        URI ws = URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
        Chromium[] self = new Chromium[1];
        StringBuilder buf = new StringBuilder();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(ws, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        buf.append(data);
                        if (last) {
                            String msg = buf.toString();
                            buf.setLength(0);
                            self[0].onMessage(msg);
                        }
                        w.request(1);
                        return null;
                    }
                }).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Chromium c = new Chromium(p, socket);
        self[0] = c;
        JsonNode target = c.call("Target.createTarget", Map.of("url", "about:blank"), false);
        JsonNode attached = c.call("Target.attachToTarget", Map.of("targetId", target.get("targetId").asText(), "flatten", true), false);
        c.session = attached.get("sessionId").asText();
        c.call("Page.enable", Map.of());
        c.call("Runtime.enable", Map.of());
        c.call("Log.enable", Map.of());
        c.call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        return c;
    }

    private void onMessage(String msg) {
        try {
            JsonNode n = JSON.readTree(msg);
            if (n.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(n.get("id").asInt());
                if (f != null) {
                    if (n.has("error")) {
                        f.completeExceptionally(new IllegalStateException("DevTools error: " + n.get("error")));
                    } else {
                        f.complete(n.get("result"));
                    }
                }
            } else {
                synchronized (events) {
                    events.add(n);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode call(String method, Map<String, Object> params) throws Exception {
        return call(method, params, true);
    }

    private JsonNode call(String method, Map<String, Object> params, boolean inSession) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode m = JSON.createObjectNode().put("id", id).put("method", method);
        m.set("params", JSON.valueToTree(params));
        if (inSession) {
            m.put("sessionId", session);
        }
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(JSON.writeValueAsString(m), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Opens a URL and waits for its load event, then a little for late console messages. */
    void open(URI url) throws Exception {
        int seen;
        synchronized (events) {
            seen = events.size();
        }
        call("Page.navigate", Map.of("url", url.toString()));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (events) {
                for (int i = seen; i < events.size(); i++) {
                    if ("Page.loadEventFired".equals(events.get(i).path("method").asText())) {
                        Thread.sleep(300);
                        return;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("page " + url + " did not finish loading within " + TIMEOUT.toSeconds() + " s");
    }

    /** Console errors, uncaught exceptions and browser-side errors seen so far, as readable lines. */
    List<String> errors() {
        List<String> out = new ArrayList<>();
        synchronized (events) {
            for (JsonNode e : events) {
                String method = e.path("method").asText();
                JsonNode p = e.path("params");
                switch (method) {
                    case "Runtime.consoleAPICalled" -> {
                        String type = p.path("type").asText();
                        if (type.equals("error") || type.equals("assert")) {
                            out.add("console." + type + ": " + p.path("args"));
                        }
                    }
                    case "Runtime.exceptionThrown" -> out.add("exception: " + p.path("exceptionDetails"));
                    case "Log.entryAdded" -> {
                        if (p.path("entry").path("level").asText().equals("error")) {
                            out.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
                        }
                    }
                    default -> { }
                }
            }
        }
        return out;
    }

    void clearEvents() {
        synchronized (events) {
            events.clear();
        }
    }

    /** Evaluates a JavaScript expression in the page and returns its value as JSON. */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("evaluating " + expression + ": " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** A PNG of the whole page, beyond the viewport. */
    byte[] screenshot() throws Exception {
        JsonNode m = call("Page.getLayoutMetrics", Map.of());
        JsonNode size = m.has("cssContentSize") ? m.get("cssContentSize") : m.get("contentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", size.get("width").asDouble(),
                "height", Math.min(size.get("height").asDouble(), 12000), "scale", 1);
        JsonNode r = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        return Base64.getDecoder().decode(r.get("data").asText());
    }

    @Override
    public void close() {
        try {
            // no wait for the answer: the browser may exit before it sends one
            socket.sendText("{\"id\":" + ids.incrementAndGet() + ",\"method\":\"Browser.close\"}", true)
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // it may already be gone; the process is ended below either way
        }
        try {
            socket.abort();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
