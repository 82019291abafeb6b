package dev.explorer.pool;

import dev.explorer.config.common.Progress;
import dev.explorer.pool.image.Thumbnailer;
import dev.explorer.pool.search.CaptionIndex;
import dev.explorer.pool.source.Source;
import dev.explorer.pool.source.SourceItem;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a pool directory from sources: thumbnails, {@code captions.jsonl}, {@code eval.jsonl}
 * (ground truth, kept apart), the Lucene index, {@code build-report.json} (counts per source),
 * and {@code pool.json} last. Image ids are the
 * first 16 hex digits of the SHA-256 of the image bytes, so exact duplicates are stored once
 * (the first in source order keeps its caption) and the same inputs give the same pool.
 *
 * <pre>{@code
 * BuildReport r = PoolBuilder.to(dir).sources(List.of(new OxygenSource(root))).limitPerSource(50).build();
 * }</pre>
 */
public final class PoolBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(PoolBuilder.class);

    private final Path dir;
    private final List<Source> sources = new ArrayList<>();
    private String name = "pool";
    private double tagProbability = 0.3;
    private long seed;
    private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private int limitPerSource;
    private int thumbnailSide = 128;
    private long maxPixels = 4096L * 4096L;
    private boolean skipUnavailable;
    private boolean overwrite;
    private boolean progress = true;

    private PoolBuilder(Path dir) {
        this.dir = dir;
    }

    public static PoolBuilder to(Path dir) {
        return new PoolBuilder(dir);
    }

    public PoolBuilder sources(List<? extends Source> s) {
        sources.addAll(s);
        return this;
    }

    public PoolBuilder source(Source s) {
        sources.add(s);
        return this;
    }

    public PoolBuilder name(String n) {
        this.name = n;
        return this;
    }

    public PoolBuilder tagProbability(double p) {
        this.tagProbability = p;
        return this;
    }

    public PoolBuilder seed(long s) {
        this.seed = s;
        return this;
    }

    public PoolBuilder threads(int t) {
        this.threads = Math.max(1, t);
        return this;
    }

    /** Take at most this many images of each source, spread over it (0 = all). */
    public PoolBuilder limitPerSource(int n) {
        this.limitPerSource = n;
        return this;
    }

    public PoolBuilder thumbnailSide(int px) {
        this.thumbnailSide = px;
        return this;
    }

    /** Images with more pixels than this are skipped and counted. */
    public PoolBuilder maxPixels(long px) {
        this.maxPixels = px;
        return this;
    }

    /** Leave out sources that are not installed (counted as unavailable) instead of failing. */
    public PoolBuilder skipUnavailable(boolean b) {
        this.skipUnavailable = b;
        return this;
    }

    /** Replace an existing pool in the directory. */
    public PoolBuilder overwrite(boolean b) {
        this.overwrite = b;
        return this;
    }

    public PoolBuilder progress(boolean b) {
        this.progress = b;
        return this;
    }

    private record Job(int sourceIndex, SourceItem item) {
    }

    /** Outcome of one image: its id and thumbnail size, or why it was skipped. */
    private record Outcome(String id, int width, int height, Thumbnailer.Failure failure) {
    }

    public BuildReport build() throws IOException {
        long t0 = System.nanoTime();
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no sources to build a pool from");
        }
        prepareDir();
        Map<String, BuildReport.SourceCounts> counts = new LinkedHashMap<>();
        List<Job> jobs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int s = 0; s < sources.size(); s++) {
            Source src = sources.get(s);
            if (!names.add(src.name())) {
                throw new IllegalArgumentException("two sources are named '" + src.name() + "': give each a unique name");
            }
            String why = src.unavailableReason();
            if (why != null) {
                if (!skipUnavailable) {
                    throw new IllegalStateException(why);
                }
                LOG.warn("skipping source {}: {}", src.name(), why);
                counts.put(src.name(), new BuildReport.SourceCounts(0, 0, 0, 0, 0, 0, why));
                continue;
            }
            long ts = System.nanoTime();
            List<SourceItem> items = src.items(limitPerSource);
            LOG.info("{}: {} images listed in {} ms", src.name(), items.size(), (System.nanoTime() - ts) / 1_000_000);
            for (SourceItem it : items) {
                jobs.add(new Job(s, it));
            }
        }

        Outcome[] outcomes = thumbnails(jobs);

        // assemble in source order: the first occurrence of an id keeps it
        CaptionPolicy policy = new CaptionPolicy(tagProbability, seed);
        Map<String, Integer> seen = new HashMap<>();
        List<PoolEntry> entries = new ArrayList<>();
        List<EvalEntry> eval = new ArrayList<>();
        int[][] c = new int[sources.size()][6];
        for (int i = 0; i < jobs.size(); i++) {
            Job j = jobs.get(i);
            Outcome o = outcomes[i];
            int[] k = c[j.sourceIndex()];
            k[0]++;
            if (o.failure() != null) {
                k[o.failure() == Thumbnailer.Failure.TOO_LARGE ? 3
                        : o.failure() == Thumbnailer.Failure.UNDECODABLE ? 4 : 5]++;
                continue;
            }
            if (seen.putIfAbsent(o.id(), i) != null) {
                k[2]++;
                continue;
            }
            k[1]++;
            SourceItem it = j.item();
            CaptionPolicy.Caption cap = policy.apply(it, o.id());
            entries.add(new PoolEntry(o.id(), it.source(), it.licence(), cap.title(), cap.nameWords(), cap.tags(),
                    it.synthetic(), o.width(), o.height()));
            eval.add(new EvalEntry(o.id(), it.source(), it.key(), it.taxonomy(), it.topic().id()));
        }
        for (int s = 0; s < sources.size(); s++) {
            Source src = sources.get(s);
            if (!counts.containsKey(src.name())) {
                int[] k = c[s];
                counts.put(src.name(), new BuildReport.SourceCounts(k[0], k[1], k[2], k[3], k[4], k[5], null));
            }
        }
        writeLines(dir.resolve(PoolLayout.CAPTIONS), entries);
        writeLines(dir.resolve(PoolLayout.EVAL), eval);
        long ti = System.nanoTime();
        CaptionIndex.write(dir.resolve(PoolLayout.INDEX), entries);
        LOG.info("indexed {} captions in {} ms", entries.size(), (System.nanoTime() - ti) / 1_000_000);
        BuildReport report = new BuildReport(counts, entries.size(), (System.nanoTime() - t0) / 1e9);
        PoolLayout.JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(PoolLayout.BUILD_REPORT).toFile(), report);
        PoolManifest m = new PoolManifest(name, entries.size(), tagProbability, seed, thumbnailSide,
                report.ingestedPerSource(), Instant.now().toString());
        Path tmp = dir.resolve(PoolLayout.MANIFEST + ".tmp");
        PoolLayout.JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), m);
        Files.move(tmp, dir.resolve(PoolLayout.MANIFEST), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return report;
    }

    private void prepareDir() throws IOException {
        Files.createDirectories(dir);
        boolean exists = Files.exists(dir.resolve(PoolLayout.MANIFEST));
        if (exists && !overwrite) {
            throw new IllegalStateException("a pool already exists in " + dir
                    + ": pass --overwrite (or choose another directory)");
        }
        // remove only what a build writes; a half-built pool has no manifest and is replaced
        Files.deleteIfExists(dir.resolve(PoolLayout.MANIFEST));
        for (String sub : List.of(PoolLayout.INDEX, PoolLayout.THUMBS)) {
            Path p = dir.resolve(sub);
            if (Files.exists(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
        }
        Files.deleteIfExists(dir.resolve(PoolLayout.CAPTIONS));
        Files.deleteIfExists(dir.resolve(PoolLayout.EVAL));
        Files.deleteIfExists(dir.resolve(PoolLayout.BUILD_REPORT));
        Files.createDirectories(dir.resolve(PoolLayout.THUMBS));
    }

    private Outcome[] thumbnails(List<Job> jobs) throws IOException {
        Thumbnailer thumbs = new Thumbnailer(thumbnailSide, maxPixels);
        Outcome[] out = new Outcome[jobs.size()];
        ConcurrentHashMap<String, CompletableFuture<Outcome>> claimed = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "pool-build");
            t.setDaemon(true);
            return t;
        });
        try (Progress.Task bar = (progress ? Progress.forConsole(LOG) : Progress.silent())
                .start("pool build", jobs.size(), "images")) {
            int chunk = 64;
            List<Future<?>> futures = new ArrayList<>();
            for (int start = 0; start < jobs.size(); start += chunk) {
                int from = start;
                int to = Math.min(jobs.size(), start + chunk);
                futures.add(pool.submit(() -> {
                    for (int i = from; i < to; i++) {
                        out[i] = process(jobs.get(i).item(), thumbs, claimed);
                        bar.step(1);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof UncheckedIOException u) {
                        throw u.getCause();
                    }
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IOException(cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    private Outcome process(SourceItem item, Thumbnailer thumbs, ConcurrentHashMap<String, CompletableFuture<Outcome>> claimed) {
        byte[] bytes;
        try {
            bytes = item.image().bytes();
        } catch (IOException e) {
            LOG.debug("{} {}: cannot read: {}", item.source(), item.key(), e.toString());
            return new Outcome(null, 0, 0, Thumbnailer.Failure.UNDECODABLE);
        }
        String id = imageId(bytes);
        // the same bytes give the same thumbnail: make it once, others wait for that one
        CompletableFuture<Outcome> mine = new CompletableFuture<>();
        CompletableFuture<Outcome> other = claimed.putIfAbsent(id, mine);
        if (other != null) {
            return other.join();
        }
        try {
            Thumbnailer.Thumb t = thumbs.make(item.image(), bytes);
            Path f = dir.resolve(PoolLayout.thumbPath(id));
            Files.createDirectories(f.getParent());
            Files.write(f, t.png());
            mine.complete(new Outcome(id, t.width(), t.height(), null));
        } catch (Thumbnailer.SkipException e) {
            LOG.debug("{} {}: skipped ({}): {}", item.source(), item.key(), e.failure(), e.getMessage());
            mine.complete(new Outcome(id, 0, 0, e.failure()));
        } catch (IOException e) {
            mine.completeExceptionally(e);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        }
        return mine.join();
    }

    /** First 16 hex digits of the SHA-256 of the bytes. */
    public static String imageId(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeLines(Path file, List<?> rows) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Object r : rows) {
                w.write(PoolLayout.JSON.writeValueAsString(r));
                w.write('\n');
            }
        }
    }
}
