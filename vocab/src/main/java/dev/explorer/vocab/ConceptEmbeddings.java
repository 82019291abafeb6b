package dev.explorer.vocab;

import dev.explorer.config.common.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The text embedding of every concept of a vocabulary: a row-major float matrix, one unit-length
 * row per concept, so a dot product is a cosine similarity. Also embeds arbitrary texts (class
 * names, queries) with the same model, opening the encoder on first use.
 */
public final class ConceptEmbeddings implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConceptEmbeddings.class);

    /** File extension of cached matrices under {@code <cache>/vocab}. */
    public static final String FILE_SUFFIX = ".emb";

    private final Vocabulary vocabulary;
    private final String modelId;
    private final int dim;
    private final float[] data;
    private final Supplier<MiniLmEncoder> encoderFactory;
    private MiniLmEncoder encoder;
    private boolean ownsEncoder;

    /** One neighbour: its row, the concept and the cosine similarity. */
    public record Neighbour(int index, Concept concept, float score) {
    }

    ConceptEmbeddings(Vocabulary vocabulary, String modelId, int dim, float[] data, Supplier<MiniLmEncoder> encoderFactory) {
        if (data.length != (long) vocabulary.size() * dim) {
            throw new IllegalArgumentException("Matrix of " + data.length + " values does not fit " + vocabulary.size()
                    + " concepts x " + dim);
        }
        this.vocabulary = vocabulary;
        this.modelId = modelId;
        this.dim = dim;
        this.data = data;
        this.encoderFactory = encoderFactory;
    }

    /** Embeds every concept text now (no cache). */
    public static ConceptEmbeddings compute(Vocabulary vocabulary, MiniLmEncoder encoder, int batch) {
        float[] data = embedWithProgress(vocabulary, encoder, batch);
        ConceptEmbeddings e = new ConceptEmbeddings(vocabulary, encoder.modelId(), encoder.dim(), data, () -> encoder);
        e.encoder = encoder;
        return e;
    }

    /**
     * The cached matrix of this vocabulary in {@code file}, or a fresh one (then written there)
     * when the file is missing, made by another model, made for another vocabulary or truncated.
     *
     * @param encoderFactory opens the encoder; called at most once, and only when needed
     */
    public static ConceptEmbeddings loadOrCompute(Vocabulary vocabulary, Path file, Supplier<MiniLmEncoder> encoderFactory,
                                                  String modelId, int batch) {
        ConceptEmbeddings cached = tryLoad(vocabulary, file, encoderFactory, modelId);
        if (cached != null) {
            return cached;
        }
        MiniLmEncoder encoder = encoderFactory.get();
        if (!encoder.modelId().equals(modelId)) {
            throw new IllegalArgumentException("Encoder " + encoder.modelId() + " is not the expected " + modelId);
        }
        float[] data = embedWithProgress(vocabulary, encoder, batch);
        try {
            EmbeddingFile.write(file, modelId, vocabulary.hash(), vocabulary.name(), vocabulary.size(), encoder.dim(), data);
            LOG.info("Cached {} embeddings in {}", vocabulary.size(), file);
        } catch (IOException e) {
            LOG.warn("Could not cache embeddings in {} ({}); they will be computed again next time", file, e.toString());
        }
        ConceptEmbeddings e = new ConceptEmbeddings(vocabulary, modelId, encoder.dim(), data, () -> encoder);
        e.encoder = encoder;
        e.ownsEncoder = true;
        return e;
    }

    /** The cached matrix if {@code file} holds a valid one for this vocabulary and model, else null (logged). */
    public static ConceptEmbeddings tryLoad(Vocabulary vocabulary, Path file, Supplier<MiniLmEncoder> encoderFactory,
                                            String modelId) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        long t0 = System.nanoTime();
        try {
            float[] data = EmbeddingFile.read(file, modelId, vocabulary.hash(), vocabulary.size(), MiniLmEncoder.DIM);
            LOG.info("Loaded {} cached embeddings from {} in {} ms", vocabulary.size(), file,
                    (System.nanoTime() - t0) / 1_000_000);
            ConceptEmbeddings e = new ConceptEmbeddings(vocabulary, modelId, MiniLmEncoder.DIM, data, encoderFactory);
            e.ownsEncoder = true;
            return e;
        } catch (IOException e) {
            LOG.warn("Ignoring cached embeddings: {}; recomputing", e.getMessage());
            return null;
        }
    }

    private static float[] embedWithProgress(Vocabulary vocabulary, MiniLmEncoder encoder, int batch) {
        long t0 = System.nanoTime();
        float[] data;
        if (vocabulary.size() < 1_000) { // a few seconds at most: a bar would only add noise
            data = encoder.embedFlat(vocabulary.texts(), batch, null);
        } else {
            try (Progress.Task bar = Progress.forConsole(LOG).start("Embedding " + vocabulary.name(), vocabulary.size(),
                    "concepts")) {
                data = encoder.embedFlat(vocabulary.texts(), batch, bar::step);
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        LOG.info("Embedded {} concepts in {} s ({} concepts/s, batch {}, {} workers)", vocabulary.size(),
                String.format(Locale.ROOT, "%.1f", secs),
                String.format(Locale.ROOT, "%.0f", vocabulary.size() / Math.max(secs, 1e-9)), batch, encoder.threads());
        return data;
    }

    /**
     * The rows of {@code subset}'s concepts, looked up by id in this (larger) matrix: a WordNet
     * subset never needs its own embedding run once the full vocabulary is cached.
     *
     * @throws IllegalArgumentException when a concept of the subset is not here
     */
    public ConceptEmbeddings subset(Vocabulary subset) {
        float[] out = new float[subset.size() * dim];
        for (int i = 0; i < subset.size(); i++) {
            int row = vocabulary.indexOf(subset.get(i).id());
            if (row < 0) {
                throw new IllegalArgumentException("Concept " + subset.get(i).id() + " of " + subset.name()
                        + " is not in " + vocabulary.name());
            }
            System.arraycopy(data, row * dim, out, i * dim, dim);
        }
        return new ConceptEmbeddings(subset, modelId, dim, out, this::encoder);
    }

    /** Like {@link #subset} but the result opens (and closes) its own encoder; this matrix can be dropped. */
    ConceptEmbeddings subsetOwning(Vocabulary subset) {
        ConceptEmbeddings sliced = subset(subset);
        ConceptEmbeddings e = new ConceptEmbeddings(subset, modelId, dim, sliced.data, encoderFactory);
        e.ownsEncoder = true;
        return e;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public String modelId() {
        return modelId;
    }

    public int size() {
        return vocabulary.size();
    }

    public int dim() {
        return dim;
    }

    /** The backing row-major matrix ({@code size() x dim()}); do not modify. */
    public float[] data() {
        return data;
    }

    /** A copy of one row. */
    public float[] row(int index) {
        return Arrays.copyOfRange(data, index * dim, (index + 1) * dim);
    }

    /** Copies into {@code double[][]}, the layout most numeric libraries (Smile) take. */
    public double[][] toDoubleRows(int[] rows) {
        double[][] out = new double[rows.length][dim];
        for (int r = 0; r < rows.length; r++) {
            int base = rows[r] * dim;
            for (int d = 0; d < dim; d++) {
                out[r][d] = data[base + d];
            }
        }
        return out;
    }

    /** Cosine similarity of every concept to a unit vector {@code q}. */
    public float[] similarities(float[] q) {
        if (q.length != dim) {
            throw new IllegalArgumentException("Query has " + q.length + " dimensions, expected " + dim);
        }
        int n = size();
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            int base = i * dim;
            float acc = 0f;
            for (int d = 0; d < dim; d++) {
                acc += data[base + d] * q[d];
            }
            s[i] = acc;
        }
        return s;
    }

    /** The {@code n} most similar concepts to {@code q}, best first, skipping rows in {@code skip}. */
    public List<Neighbour> nearest(float[] q, int n, IntPredicate skip) {
        float[] s = similarities(q);
        int[] top = topIndices(s, n, skip);
        List<Neighbour> out = new ArrayList<>(top.length);
        for (int i : top) {
            out.add(new Neighbour(i, vocabulary.get(i), s[i]));
        }
        return out;
    }

    public List<Neighbour> nearest(float[] q, int n) {
        return nearest(q, n, i -> false);
    }

    /** Indices of the {@code n} largest values, largest first (ties: lower index first). */
    static int[] topIndices(float[] values, int n, IntPredicate skip) {
        n = Math.min(n, values.length);
        PriorityQueue<Integer> heap = new PriorityQueue<>(n + 1, (a, b) -> {
            int c = Float.compare(values[a], values[b]);
            return c != 0 ? c : Integer.compare(b, a);
        });
        for (int i = 0; i < values.length; i++) {
            if (skip.test(i)) {
                continue;
            }
            if (heap.size() < n) {
                heap.add(i);
            } else if (n > 0 && (values[i] > values[heap.peek()])) {
                heap.poll();
                heap.add(i);
            }
        }
        int[] out = new int[heap.size()];
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = heap.poll();
        }
        return out;
    }

    /** Embeds texts (class names, free queries) with the model of this matrix; unit-length rows. */
    public float[][] embedTexts(List<String> texts) {
        return encoder().embed(texts);
    }

    public float[] embedText(String text) {
        return encoder().embed(text);
    }

    private synchronized MiniLmEncoder encoder() {
        if (encoder == null) {
            if (encoderFactory == null) {
                throw new IllegalStateException("These embeddings have no encoder for new texts");
            }
            encoder = encoderFactory.get();
            if (!encoder.modelId().equals(modelId)) {
                throw new IllegalStateException("Encoder " + encoder.modelId() + " differs from the model of the matrix, "
                        + modelId + "; similarities would be meaningless");
            }
        }
        return encoder;
    }

    /** Closes the encoder if this object opened it. */
    @Override
    public synchronized void close() {
        if (encoder != null && ownsEncoder) {
            encoder.close();
        }
        encoder = null;
    }
}
