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
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                DownloadBatch batch = downloader.fetch(urls, new DedupeIndex(d.nearDuplicateBits()), null);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
                long held = 0;
                for (Candidate c : batch.accepted()) {
                    held += c.bytes().length + 4L * c.image().rgb().length;
                }
                System.gc();
                long heap = usedHeap() - heap0;
                int n = batch.accepted().size();
                System.out.printf(Locale.ROOT, "{\"round\":%d,\"urls\":%d,\"accepted\":%d,\"seconds\":%.2f,\"imagesPerSecond\":%.1f,"
                                + "\"cpuSecondsPer1000\":%.2f,\"bytesHeldPerImage\":%d,\"heapAfterMiB\":%.1f,\"failures\":\"%s\","
                                + "\"loadAverage\":%.2f}%n",
                        r + 1, urls.size(), n, seconds, urls.size() / seconds, 1000 * cpu / urls.size(),
                        n == 0 ? 0 : held / n, heap / 1048576.0, batch.failureCountsByKey(), os.getSystemLoadAverage());
                if (r == rounds - 1) {
                    stages(batch.accepted(), d, n, held);
                }
            }
        }
        return 0;
    }

    /** Each CPU stage timed alone on one thread, so the rest of the wall time is network and waiting. */
    private static void stages(List<Candidate> accepted, DownloadConfig d, int n, long held) throws Exception {
        List<Candidate> sample = accepted.subList(0, Math.min(500, accepted.size()));
        if (sample.isEmpty()) {
            return;
        }
        ImageDecoder decoder = new ImageDecoder(d.maxPixels(), d.maxSide());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long sink = 0;
        long t = System.nanoTime();
        for (Candidate c : sample) {
            sink += sha.digest(c.bytes())[0];
        }
        double shaMs = (System.nanoTime() - t) / 1e6 / sample.size();
        t = System.nanoTime();
        for (Candidate c : sample) {
            sink += decoder.decode(c.bytes()).width();
        }
        double decodeMs = (System.nanoTime() - t) / 1e6 / sample.size();
        t = System.nanoTime();
        for (Candidate c : sample) {
            sink += PerceptualHash.dHash(c.image());
        }
        double hashMs = (System.nanoTime() - t) / 1e6 / sample.size();
        double perImage = n == 0 ? 0 : held / (double) n;
        System.out.printf(Locale.ROOT, "stages, one thread, ms per image (%d images, checksum %d): sha256 %.3f, decode %.3f, dHash %.3f%n",
                sample.size(), sink & 0xff, shaMs, decodeMs, hashMs);
        System.out.printf(Locale.ROOT, "memory: %.0f bytes held per accepted image (file bytes + decoded pixels); "
                + "at the paper's 25,600 results per iteration that is %.0f MiB%n", perImage, perImage * 25_600 / 1048576.0);
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
