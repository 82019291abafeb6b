package dev.explorer.encoder;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes and augments batches on background threads, a bounded number of batches ahead of the
 * trainer (so memory stays bounded however long the list is). Decoded images are kept in memory
 * up to a byte budget, because each image is seen once per epoch and decoding is the costly part.
 * Images that fail to decode are skipped with one warning each; a batch then holds fewer images.
 */
final class BatchLoader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchLoader.class);

    /** A batch of images: {@code view0} and {@code view1} hold {@code count} CHW images each. */
    record Batch(int count, float[] view0, float[] view1) {}

    private final List<ImageSource> sources;
    private final Augmentation augmentation;
    private final int threads;
    private final int decodeMinSide;
    private final ExecutorService pool;
    private final ConcurrentHashMap<Integer, Images.Decoded> cache = new ConcurrentHashMap<>();
    private final Set<Integer> failed = ConcurrentHashMap.newKeySet();
    private final AtomicLong cacheBytes = new AtomicLong();
    private final long cacheBudget;
    final AtomicLong workNanos = new AtomicLong();
    final AtomicInteger failures = new AtomicInteger();

    BatchLoader(List<ImageSource> sources, Augmentation augmentation, int threads, long cacheBudgetBytes) {
        this.sources = List.copyOf(sources);
        this.augmentation = augmentation;
        this.threads = Math.max(1, threads);
        // a 0.2-area crop spans ~0.45 of each side: decode big enough that crops keep full detail
        this.decodeMinSide = (int) Math.ceil(augmentation.size() * 2.25);
        this.cacheBudget = cacheBudgetBytes;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "encoder-loader-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Default cache budget: a quarter of the heap, at most 1 GiB. */
    static long defaultCacheBudget() {
        return Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 4);
    }

    /** Decodes image {@code i}, from the cache when possible; null when it cannot be decoded. */
    Images.Decoded decoded(int i) {
        Images.Decoded d = cache.get(i);
        if (d != null || failed.contains(i)) {
            return d;
        }
        try {
            d = Images.decode(sources.get(i), decodeMinSide);
        } catch (IOException | RuntimeException e) {
            if (failed.add(i)) {
                failures.incrementAndGet();
                LOG.warn("skipping image that cannot be decoded: {}", e.getMessage());
            }
            return null;
        }
        if (cacheBytes.addAndGet(d.bytes()) <= cacheBudget) {
            cache.put(i, d);
        } else {
            cacheBytes.addAndGet(-d.bytes());
        }
        return d;
    }

    /** Per-image random stream: a pure function of (seed, epoch, image index). */
    static SplittableRandom imageRandom(long seed, int epoch, int index) {
        long s = new SplittableRandom(seed).split().nextLong() ^ (0x9E3779B97F4A7C15L * (epoch + 1));
        s = new SplittableRandom(s).nextLong() + 0xBF58476D1CE4E5B9L * (index + 1L);
        return new SplittableRandom(s);
    }

    /** Two augmented views of each listed image. */
    Batch trainBatch(int[] indices, long seed, int epoch) {
        long t0 = System.nanoTime();
        int per = augmentation.floatsPerImage();
        float[] v0 = new float[indices.length * per];
        float[] v1 = new float[indices.length * per];
        int count = 0;
        for (int index : indices) {
            Images.Decoded d = decoded(index);
            if (d == null) {
                continue;
            }
            SplittableRandom rng = imageRandom(seed, epoch, index);
            augmentation.view(d, 0, rng, v0, count * per);
            augmentation.view(d, 1, rng, v1, count * per);
            count++;
        }
        workNanos.addAndGet(System.nanoTime() - t0);
        return new Batch(count, v0, v1);
    }

    /**
     * The evaluation view of each listed image; an image that cannot be decoded is left as zeros
     * (the mean colour) so that rows stay aligned with the caller's list.
     */
    Batch centerBatch(int[] indices) {
        long t0 = System.nanoTime();
        int per = augmentation.floatsPerImage();
        float[] v0 = new float[indices.length * per];
        for (int k = 0; k < indices.length; k++) {
            Images.Decoded d = decoded(indices[k]);
            if (d != null) {
                augmentation.center(d, v0, k * per);
            }
        }
        workNanos.addAndGet(System.nanoTime() - t0);
        return new Batch(indices.length, v0, null);
    }

    /** Runs the tasks on the pool, at most {@code threads + 1} ahead of the consumer, in order. */
    <T> Prefetch<T> prefetch(List<Callable<T>> tasks) {
        return new Prefetch<>(tasks, threads + 1);
    }

    /** An in-order iterator over results computed ahead on the pool; bounded look-ahead. */
    final class Prefetch<T> implements AutoCloseable {
        private final List<Callable<T>> tasks;
        private final int depth;
        private final ArrayDeque<Future<T>> inFlight = new ArrayDeque<>();
        private int next;

        Prefetch(List<Callable<T>> tasks, int depth) {
            this.tasks = new ArrayList<>(tasks);
            this.depth = depth;
            fill();
        }

        private void fill() {
            while (inFlight.size() < depth && next < tasks.size()) {
                inFlight.add(pool.submit(tasks.get(next)));
                tasks.set(next, null);
                next++;
            }
        }

        boolean hasNext() {
            return !inFlight.isEmpty();
        }

        T next() throws InterruptedException {
            Future<T> f = inFlight.poll();
            if (f == null) {
                throw new NoSuchElementException();
            }
            fill();
            try {
                return f.get();
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                if (c instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException("image loader failed: " + c, c);
            }
        }

        @Override
        public void close() {
            for (Future<T> f : inFlight) {
                f.cancel(true);
            }
            inFlight.clear();
        }
    }

    int size() {
        return sources.size();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
