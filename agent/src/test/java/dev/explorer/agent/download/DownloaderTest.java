package dev.explorer.agent.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.config.DownloadConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A hostile image server: every kind of bad answer ends as a counted failure, none as a crash. */
class DownloaderTest {
    static final long MAX_BYTES = 256 * 1024;

    private MockWebServer server;
    private final Map<String, AtomicInteger> hitsByPath = new HashMap<>();
    /** Requests for /slow-ok.png the server is answering right now, and the most at once. */
    private final AtomicInteger slowInFlight = new AtomicInteger();
    private final AtomicInteger slowMaxInFlight = new AtomicInteger();

    static BufferedImage pattern(long seed, int size) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int by = 0; by < size; by += 8) {
            for (int bx = 0; bx < size; bx += 8) {
                int c = r.nextInt(0xffffff);
                for (int y = by; y < by + 8; y++) {
                    for (int x = bx; x < bx + 8; x++) {
                        img.setRGB(x, y, c);
                    }
                }
            }
        }
        return img;
    }

    static BufferedImage gradient(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                img.setRGB(x, y, ((x * 255 / size) << 16) | ((y * 255 / size) << 8));
            }
        }
        return img;
    }

    static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out), "no writer for " + format);
        return out.toByteArray();
    }

    /** A PNG whose header declares width x height but whose data is a few bytes. */
    static byte[] bombPng(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static MockResponse image(byte[] bytes, String type) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", type).body(new Buffer().write(bytes)).build();
    }

    @BeforeEach
    void start() throws IOException {
        BufferedImage a = pattern(1, 64);
        BufferedImage nearA = pattern(1, 64);
        nearA.setRGB(5, 5, 0x123456); // one pixel differs: other bytes, same perceptual hash
        byte[] pngA = encode(a, "png");
        byte[] pngNearA = encode(nearA, "png");
        byte[] pngB = encode(pattern(2, 64), "png");
        byte[] jpgC = encode(pattern(3, 200), "jpg");
        byte[] bigPng = encode(gradient(1024), "png"); // decodes fine, is shrunk to maxSide
        byte[] truncatedPng = Arrays.copyOf(pngB, pngB.length / 2);
        byte[] truncatedJpg = Arrays.copyOf(jpgC, jpgC.length / 2);
        byte[] oversized = new byte[(int) MAX_BYTES + 4096];
        System.arraycopy(pngA, 0, oversized, 0, 16);
        byte[] html = "<html><body>Access denied</body></html>".getBytes();
        byte[] random = new byte[2000];
        new Random(5).nextBytes(random);

        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                hitsByPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                return switch (path) {
                    case "/a.png" -> image(pngA, "image/png");
                    case "/b.png" -> image(pngB, "image/png");
                    case "/c.jpg" -> image(jpgC, "image/jpeg");
                    case "/big.png" -> image(bigPng, "application/octet-stream");
                    case "/copy-of-a.png" -> image(pngA, "image/png");
                    case "/near-a.png" -> image(pngNearA, "image/png");
                    case "/html" -> new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                            .body(new Buffer().write(html)).build();
                    case "/html-as-png" -> image(html, "image/png");
                    case "/random.png" -> image(random, "image/png");
                    case "/oversized-declared" -> image(oversized, "image/png");
                    case "/oversized-chunked" -> new MockResponse.Builder().code(200).setHeader("Content-Type", "image/png")
                            .chunkedBody(new Buffer().write(oversized), 1024).build();
                    case "/drip.png" -> new MockResponse.Builder().code(200).setHeader("Content-Type", "image/png")
                            .body(new Buffer().write(pngA)).throttleBody(16, 200, TimeUnit.MILLISECONDS).build();
                    case "/slow-headers" -> new MockResponse.Builder().code(200).setHeader("Content-Type", "image/png")
                            .headersDelay(2, TimeUnit.SECONDS).body(new Buffer().write(pngA)).build();
                    case "/truncated.png" -> image(truncatedPng, "image/png");
                    case "/truncated.jpg" -> image(truncatedJpg, "image/jpeg");
                    case "/bomb.png" -> image(bombPng(100_000, 100_000), "image/png");
                    case "/loop" -> new MockResponse.Builder().code(302).setHeader("Location", "/loop").build();
                    case "/slow-ok.png" -> slowAnswer(pngA);
                    case "/error500" -> new MockResponse.Builder().code(503).build();
                    default -> new MockResponse.Builder().code(404).build();
                };
            }
        });
        server.start();
    }

    /** Answers after 250 ms on the server's thread for this connection, counting answers in progress. */
    private MockResponse slowAnswer(byte[] png) {
        slowMaxInFlight.accumulateAndGet(slowInFlight.incrementAndGet(), Math::max);
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            slowInFlight.decrementAndGet();
        }
        return image(png, "image/png");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String url(String path) {
        return server.url(path).toString();
    }

    private static DownloadConfig config() {
        // concurrency 6, 2 per host; connect 1 s, read 400 ms, total 1.5 s; 256 KiB; 2M pixels; 1 retry after 20 ms
        return new DownloadConfig(6, 1_000, 400, 1_500, MAX_BYTES, 2_000_000L, 1, 2, 20, 3, 128, true, null, "explorer", false, false, 0);
    }

    @Test
    void everyHostileAnswerIsCountedByKindAndTheGoodImagesArrive() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        List<String> urls = new ArrayList<>(List.of(
                url("/a.png"), url("/b.png"), url("/c.jpg"), url("/big.png"),
                url("/copy-of-a.png"), url("/near-a.png"),
                url("/html"), url("/html-as-png"), url("/random.png"),
                url("/oversized-declared"), url("/oversized-chunked"),
                url("/drip.png"), url("/slow-headers"),
                url("/truncated.png"), url("/truncated.jpg"), url("/bomb.png"),
                url("/loop"), url("/error500"), url("/missing.png"),
                "ftp://example.invalid/x.png", "http://127.0.0.1:" + closedPort + "/x.png"));
        List<DownloadResult> progress = java.util.Collections.synchronizedList(new ArrayList<>());
        DownloadBatch batch;
        long t0 = System.nanoTime();
        try (Downloader d = new Downloader(config())) {
            batch = d.fetch(urls, new DedupeIndex(3), progress::add);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(urls.size(), batch.results().size());
        assertEquals(urls.size(), progress.size());
        Map<String, FailureKind> kind = new HashMap<>();
        for (DownloadResult r : batch.results()) {
            kind.put(r.url().replaceFirst("^http://[^/]+", ""), r.failure());
        }
        assertNull(kind.get("/a.png"));
        assertNull(kind.get("/b.png"));
        assertNull(kind.get("/c.jpg"));
        assertNull(kind.get("/big.png"));
        assertEquals(FailureKind.DUPLICATE, kind.get("/copy-of-a.png"));
        assertEquals(FailureKind.NEAR_DUPLICATE, kind.get("/near-a.png"));
        assertEquals(FailureKind.WRONG_CONTENT_TYPE, kind.get("/html"));
        assertEquals(FailureKind.NOT_AN_IMAGE, kind.get("/html-as-png"));
        assertEquals(FailureKind.NOT_AN_IMAGE, kind.get("/random.png"));
        assertEquals(FailureKind.TOO_LARGE, kind.get("/oversized-declared"));
        assertEquals(FailureKind.TOO_LARGE, kind.get("/oversized-chunked"));
        assertEquals(FailureKind.TIMEOUT, kind.get("/drip.png"));
        assertEquals(FailureKind.TIMEOUT, kind.get("/slow-headers"));
        assertEquals(FailureKind.DECODE_ERROR, kind.get("/truncated.png"));
        assertEquals(FailureKind.DECODE_ERROR, kind.get("/truncated.jpg"));
        assertEquals(FailureKind.TOO_MANY_PIXELS, kind.get("/bomb.png"));
        assertEquals(FailureKind.REDIRECT_LOOP, kind.get("/loop"));
        assertEquals(FailureKind.HTTP_STATUS, kind.get("/error500"));
        assertEquals(FailureKind.HTTP_STATUS, kind.get("/missing.png"));
        assertEquals(FailureKind.BAD_URL, kind.get("ftp://example.invalid/x.png"));
        assertEquals(FailureKind.CONNECTION, kind.get("/x.png")); // the closed port

        Map<FailureKind, Integer> counts = batch.failureCounts();
        assertEquals(2, counts.get(FailureKind.TOO_LARGE));
        assertEquals(2, counts.get(FailureKind.TIMEOUT));
        assertEquals(2, counts.get(FailureKind.DECODE_ERROR));
        assertEquals(17, batch.failed());
        assertEquals(4, batch.accepted().size());
        assertEquals(2, batch.failureCountsByKey().get("http-status"));

        // transient failures are retried once, permanent ones never
        assertEquals(2, hitsByPath.get("/error500").get());
        assertEquals(1, hitsByPath.get("/missing.png").get());
        assertEquals(1, hitsByPath.get("/html").get());
        assertEquals(2, hitsByPath.get("/drip.png").get());
        for (DownloadResult r : batch.results()) {
            if (r.url().endsWith("/error500")) {
                assertEquals(2, r.attempts());
                assertEquals("HTTP 503", r.detail());
            }
        }
        // the byte cap stopped the chunked body early; decoded images were shrunk to maxSide
        Candidate big = batch.accepted().stream().filter(c -> c.url().endsWith("/big.png")).findFirst().orElseThrow();
        assertEquals(128, big.image().width());
        assertEquals(1024, big.image().originalWidth());
        assertEquals("png", big.format());
        Candidate c = batch.accepted().stream().filter(x -> x.url().endsWith("/c.jpg")).findFirst().orElseThrow();
        assertEquals("jpeg", c.format());
        assertEquals(64, c.sha256().length());
        System.out.printf("hostile batch: %d ms%n", ms); // the timeouts are asserted by kind above, not by time
    }

    @Test
    void perHostLimitBoundsParallelRequestsToOneHost() {
        // six 250 ms answers from one host: 2 at a time takes three rounds, 6 at a time one
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            urls.add(url("/slow-ok.png") + "?i=" + i);
        }
        DownloadConfig two = config();
        // counted at the server, not timed: a loaded machine changes times, not these counts. The
        // timeouts are far above the 250 ms answers so that load cannot turn one into a timeout (a
        // 2 s read timeout did once, under a full CI run)
        DownloadConfig six = new DownloadConfig(6, 10_000, 20_000, 60_000, MAX_BYTES, 2_000_000L, 0, 6, 20, -1, 128, true, null, "explorer", false, false, 0);
        timeFetch(new DownloadConfig(6, 10_000, 20_000, 60_000, MAX_BYTES, 2_000_000L, 0, two.perHostConcurrency(), 20, -1,
                128, true, null, "explorer", false, false, 0), urls);
        assertEquals(2, two.perHostConcurrency());
        assertEquals(2, slowMaxInFlight.get(), "requests one host answered at once with a limit of 2");
        slowMaxInFlight.set(0);
        timeFetch(six, urls);
        assertTrue(slowMaxInFlight.get() > 2, "with a limit of 6 the host answered at most " + slowMaxInFlight.get()
                + " at once");
    }

    private long timeFetch(DownloadConfig c, List<String> urls) {
        long t0 = System.nanoTime();
        try (Downloader d = new Downloader(c)) {
            DownloadBatch b = d.fetch(urls, new DedupeIndex(-1), null);
            assertEquals(1, b.accepted().size()); // the same bytes six times: five exact duplicates
            assertEquals(5, b.failureCounts().get(FailureKind.DUPLICATE));
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void duplicatesAcrossBatchesAreCaughtAndTheIndexIsKept() throws IOException {
        DedupeIndex index = new DedupeIndex(3);
        try (Downloader d = new Downloader(config())) {
            DownloadBatch first = d.fetch(List.of(url("/a.png"), url("/b.png")), index, null);
            assertEquals(2, first.accepted().size());
            DownloadBatch second = d.fetch(List.of(url("/copy-of-a.png"), url("/c.jpg")), index, null);
            assertEquals(1, second.accepted().size());
            assertEquals(FailureKind.DUPLICATE, second.results().get(0).failure());
        }
        assertEquals(3, index.size());
        // exact-only mode lets the near-duplicate through
        DedupeIndex exact = new DedupeIndex(-1);
        try (Downloader d = new Downloader(config())) {
            assertEquals(2, d.fetch(List.of(url("/a.png"), url("/near-a.png")), exact, null).accepted().size());
        }
    }

    @Test
    void perceptualHashSeparatesDifferentImagesAndMatchesReencodings() throws IOException {
        ImageDecoder dec = new ImageDecoder(1_000_000, 64);
        long a;
        long aJpeg;
        long b;
        try {
            a = PerceptualHash.dHash(dec.decode(encode(pattern(1, 64), "png")));
            aJpeg = PerceptualHash.dHash(dec.decode(encode(pattern(1, 64), "jpg")));
            b = PerceptualHash.dHash(dec.decode(encode(pattern(2, 64), "png")));
        } catch (DownloadFailure f) {
            throw new AssertionError(f.kind + ": " + f.getMessage());
        }
        assertTrue(PerceptualHash.distance(a, aJpeg) <= 3, "JPEG re-encoding moved " + PerceptualHash.distance(a, aJpeg) + " bits");
        assertTrue(PerceptualHash.distance(a, b) > 10, "different images only " + PerceptualHash.distance(a, b) + " bits apart");
        assertNotEquals(a, b);
    }

    @Test
    void sniffsFormatsAndContentTypes() {
        assertEquals("png", ImageFormat.sniff(bombPng(1, 1), 8));
        assertEquals("jpeg", ImageFormat.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}, 4));
        assertEquals("gif", ImageFormat.sniff("GIF89a".getBytes(), 6));
        assertEquals("webp", ImageFormat.sniff("RIFF\0\0\0\0WEBPVP8 ".getBytes(), 16));
        assertNull(ImageFormat.sniff("<html>".getBytes(), 6));
        assertTrue(ImageFormat.acceptableContentType("image/png"));
        assertTrue(ImageFormat.acceptableContentType(null));
        assertTrue(ImageFormat.acceptableContentType("application/octet-stream"));
        assertTrue(!ImageFormat.acceptableContentType("text/html; charset=utf-8"));
    }
}
