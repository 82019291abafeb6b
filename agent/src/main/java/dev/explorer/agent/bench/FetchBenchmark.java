package dev.explorer.agent.bench;

import dev.explorer.agent.download.Candidate;
import dev.explorer.agent.download.DedupeIndex;
import dev.explorer.agent.download.DownloadBatch;
import dev.explorer.agent.download.Downloader;
import dev.explorer.agent.download.ImageDecoder;
import dev.explorer.agent.download.PerceptualHash;
import dev.explorer.config.DownloadConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The downloader against a pool server on loopback: distinct images fetched, decoded, hashed and
 * deduplicated per second, CPU seconds per 1,000 images, memory held per accepted image, and
 * where the time goes (each stage timed alone, one thread, on the fetched bytes). Run through
 * {@code scripts/bench-fetch}, which starts the server in its own process so the CPU figures are
 * the client's.
 */
@Command(name = "bench-fetch", mixinStandardHelpOptions = true,
        description = "Time the downloader (fetch + decode + hash + dedupe) on distinct pool images over loopback.")
public final class FetchBenchmark implements Callable<Integer> {
    @Option(names = "--endpoint", required = true, description = "pool server base URL, e.g. http://127.0.0.1:8765")
    String endpoint;
    @Option(names = "--pool", required = true, description = "pool directory (its captions.jsonl lists the image ids)")
    Path pool;
    @Option(names = "--images", description = "distinct images fetched per round (default ${DEFAULT-VALUE})")
    int images = 5_000;
    @Option(names = "--rounds", description = "rounds, each on other images (default ${DEFAULT-VALUE})")
    int rounds = 2;
    @Option(names = "--concurrency", description = "parallel downloads (default: download.concurrency = ${DEFAULT-VALUE})")
    int concurrency = DownloadConfig.DEFAULTS.concurrency();
    @Option(names = "--per-host", description = "parallel downloads from one host (default: download.perHostConcurrency = ${DEFAULT-VALUE}); "
            + "the pool is one host")
    int perHost = DownloadConfig.DEFAULTS.perHostConcurrency();
    @Option(names = "--seed", description = "which images (default ${DEFAULT-VALUE})")
    long seed = 1;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FetchBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<String> ids = ids(pool);
        Collections.shuffle(ids, new Random(seed));
        if ((long) images * rounds > ids.size()) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--images x --rounds (" + (long) images * rounds
                    + ") exceeds the pool's " + ids.size() + " images: every image is fetched once");
        }
        DownloadConfig d = DownloadConfig.DEFAULTS;
        DownloadConfig config = new DownloadConfig(concurrency, d.connectTimeoutMs(), d.readTimeoutMs(), d.totalTimeoutMs(),
                d.maxBytes(), d.maxPixels(), d.retries(), perHost, d.retryBackoffMs(), d.nearDuplicateBits(), d.maxSide(),
                d.allowPrivateAddresses(), d.contact(), d.userAgentToken(), d.robotsTxt(), d.honourXRobotsTag(), d.perHostIntervalMs());
        String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(Locale.ROOT, "bench-fetch: %d cores, load average %.2f, concurrency %d, per host %d, %d images x %d rounds%n",
                Runtime.getRuntime().availableProcessors(), os.getSystemLoadAverage(), concurrency, perHost, images, rounds);
        try (Downloader downloader = new Downloader(config, List.of(base))) {
            // warm-up on images no round uses: JIT, connection pool
            List<String> warm = urls(base, ids.subList(ids.size() - Math.min(200, ids.size() / 10), ids.size()));
            downloader.fetch(warm, new DedupeIndex(d.nearDuplicateBits()), null);
            for (int r = 0; r < rounds; r++) {
                List<String> urls = urls(base, ids.subList(r * images, (r + 1) * images));
                System.gc();
                long heap0 = usedHeap();
                ManagementFactory.getMemoryPoolMXBeans().forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                DownloadBatch batch = downloader.fetch(urls, new DedupeIndex(d.nearDuplicateBits()), null);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
                long peak = peakHeap() - heap0;
                long pixels = 0;
                long files = 0;
                for (Candidate c : batch.accepted()) {
                    pixels += c.bgr().length;
                    files += c.byteCount();
                }
                System.gc();
                long heap = usedHeap() - heap0;
                // the loop's harvest turns every candidate into an encoder input: it shares the pixels
                List<dev.explorer.encoder.ImageSource> sources = new ArrayList<>();
                for (Candidate c : batch.accepted()) {
                    sources.add(c.source());
                }
                System.gc();
                long heapWithSources = usedHeap() - heap0;
                int n = batch.accepted().size();
                System.out.printf(Locale.ROOT, "{\"round\":%d,\"urls\":%d,\"accepted\":%d,\"seconds\":%.2f,\"imagesPerSecond\":%.1f,"
                                + "\"cpuSecondsPer1000\":%.2f,\"pixelBytesPerImage\":%d,\"fileBytesPerImage\":%d,"
                                + "\"heapHeldPerImage\":%d,\"heapHeldWithSourcesPerImage\":%d,\"heapAfterMiB\":%.1f,"
                                + "\"peakHeapDuringFetchMiB\":%.1f,\"failures\":\"%s\",\"loadAverage\":%.2f}%n",
                        r + 1, urls.size(), n, seconds, urls.size() / seconds, 1000 * cpu / urls.size(),
                        n == 0 ? 0 : pixels / n, n == 0 ? 0 : files / n, n == 0 ? 0 : heap / n,
                        n == 0 ? 0 : heapWithSources / n, heap / 1048576.0, peak / 1048576.0,
                        batch.failureCountsByKey(), os.getSystemLoadAverage());
                if (sources.size() != n) {
                    throw new IllegalStateException("sources");
                }
                if (r == rounds - 1) {
                    stages(base, ids.subList(r * images, (r + 1) * images), batch.accepted(), d, n, heap, pixels, files);
                }
            }
        }
        return 0;
    }

    /**
     * Each CPU stage timed alone on one thread, so the rest of the wall time is network and waiting.
     * Candidates no longer keep their files: the sample's files are fetched again here, once.
     */
    private static void stages(String base, List<String> ids, List<Candidate> accepted, DownloadConfig d, int n, long heap,
                               long pixels, long files) throws Exception {
        List<byte[]> sample = new ArrayList<>();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String id : ids.subList(0, Math.min(500, ids.size()))) {
            java.net.http.HttpResponse<byte[]> r = http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/img/" + id + ".png")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() == 200) {
                sample.add(r.body());
            }
        }
        if (sample.isEmpty() || accepted.isEmpty()) {
            return;
        }
        ImageDecoder decoder = new ImageDecoder(d.maxPixels(), d.maxSide());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long sink = 0;
        long t = System.nanoTime();
        for (byte[] b : sample) {
            sink += sha.digest(b)[0];
        }
        double shaMs = (System.nanoTime() - t) / 1e6 / sample.size();
        List<dev.explorer.agent.download.DecodedImage> decoded = new ArrayList<>();
        t = System.nanoTime();
        for (byte[] b : sample) {
            try {
                decoded.add(decoder.decode(b));
            } catch (dev.explorer.agent.download.DownloadFailure e) {
                sink++;
            }
        }
        double decodeMs = (System.nanoTime() - t) / 1e6 / sample.size();
        t = System.nanoTime();
        for (var img : decoded) {
            sink += PerceptualHash.dHash(img);
        }
        double hashMs = (System.nanoTime() - t) / 1e6 / Math.max(1, decoded.size());
        t = System.nanoTime();
        for (var img : decoded) {
            sink += Candidate.of("u", "s", 0L, 0, "png", img).bgr().length;
        }
        double packMs = (System.nanoTime() - t) / 1e6 / Math.max(1, decoded.size());
        System.out.printf(Locale.ROOT, "stages, one thread, ms per image (%d images, checksum %d): sha256 %.3f, decode %.3f, "
                + "dHash %.3f, pack to 3 bytes a pixel %.3f%n", sample.size(), sink & 0xff, shaMs, decodeMs, hashMs, packMs);
        double held = heap / (double) n;
        double px = pixels / (double) n;
        double file = files / (double) n;
        // before: the file and 4 bytes a pixel per candidate, and a second 4-byte copy in the harvest's encoder inputs
        double before = held - px + file + px * 4 / 3;
        System.out.printf(Locale.ROOT, "memory: %.0f bytes of heap held per accepted image (pixels at 3 bytes: %.0f; the rest "
                        + "url, hashes, records); the file (%.0f bytes on average) is no longer kept and the harvest's "
                        + "encoder inputs share the pixels. At the paper's 25,600 results per iteration: %.0f MiB for the "
                        + "batch and the harvest together; before, %.0f MiB for the batch (file + 4-byte pixels) and "
                        + "%.0f MiB with the harvest's copy%n",
                held, px, file, held * 25_600 / 1048576.0, before * 25_600 / 1048576.0,
                (before + px * 4 / 3) * 25_600 / 1048576.0);
    }

    /** Peak heap since the last reset, summed over the heap pools (an upper bound: pools peak at different times). */
    private static long peakHeap() {
        long b = 0;
        for (var p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == java.lang.management.MemoryType.HEAP && p.getPeakUsage() != null) {
                b += p.getPeakUsage().getUsed();
            }
        }
        return b;
    }

    private static List<String> urls(String base, List<String> ids) {
        List<String> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            out.add(base + "/img/" + id + ".png");
        }
        return out;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static List<String> ids(Path pool) throws IOException {
        Path captions = pool.resolve("captions.jsonl");
        if (!Files.isRegularFile(captions)) {
            throw new IOException("no " + captions + ": build a pool with 'explorer pool build'");
        }
        Pattern id = Pattern.compile("\"id\":\"([0-9a-f]+)\"");
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(captions)) {
            Matcher m = id.matcher(line);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }
}
