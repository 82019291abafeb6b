package dev.explorer.agent.reward;

import dev.explorer.agent.math.Dense;
import java.util.List;

/**
 * The paper's image reward: r(y) = mean cosine similarity between y and its k nearest target
 * images. All similarities of a block of images against all target images come from one matrix
 * product (BLAS sgemm); only the top-k selection per row is a Java loop.
 *
 * <p>Inputs are L2-normalised here (a copy), so cosine similarity is a dot product whatever the
 * encoder returned; an all-zero embedding has similarity 0 to everything. When the target set has
 * fewer than k images, the mean runs over all of them.
 */
public final class KnnReward {
    /** Floats per similarity block (16 MB): bounds memory whatever the number of images. */
    static final int BLOCK_FLOATS = 1 << 22;

    private final float[] targets;
    private final int targetCount;
    private final int dim;
    private final int k;

    /**
     * @param targetEmbeddings target-image embeddings, row-major (targetCount x dim)
     * @param dim embedding size
     * @param k number of nearest target images averaged (the paper's k = 15)
     */
    public KnnReward(float[] targetEmbeddings, int dim, int k) {
        this.targetCount = Dense.rows(targetEmbeddings, dim, "target embeddings");
        if (targetCount == 0) {
            throw new IllegalArgumentException("target embeddings: no target images; the reward needs at least one");
        }
        if (k < 1) {
            throw new IllegalArgumentException("reward k must be at least 1, got " + k);
        }
        this.dim = dim;
        this.k = Math.min(k, targetCount);
        this.targets = Dense.normalizedRows(targetEmbeddings, targetCount, dim);
    }

    public KnnReward(float[][] targetEmbeddings, int k) {
        this(Dense.flatten(targetEmbeddings, dimOf(targetEmbeddings)), dimOf(targetEmbeddings), k);
    }

    /** The k actually used: min(requested k, number of target images). */
    public int k() {
        return k;
    }

    public int dim() {
        return dim;
    }

    /** Rewards of images given as one row-major matrix (n x dim). */
    public float[] imageRewards(float[] images) {
        int n = Dense.rows(images, dim, "image embeddings");
        float[] out = new float[n];
        if (n == 0) {
            return out;
        }
        int block = (int) Math.max(1, Math.min(n, BLOCK_FLOATS / targetCount));
        float[] sims = new float[block * targetCount];
        float[] topK = new float[k];
        for (int start = 0; start < n; start += block) {
            int rows = Math.min(block, n - start);
            float[] chunk = new float[rows * dim];
            System.arraycopy(images, start * dim, chunk, 0, rows * dim);
            chunk = Dense.normalizedRows(chunk, rows, dim);
            Dense.gemmNT(rows, targetCount, dim, chunk, targets, sims);
            for (int r = 0; r < rows; r++) {
                out[start + r] = meanOfTopK(sims, r * targetCount, targetCount, topK);
            }
        }
        return out;
    }

    /** Rewards of images given as rows. */
    public float[] imageRewards(float[][] images) {
        if (images.length == 0) {
            return new float[0];
        }
        return imageRewards(Dense.flatten(images, dim));
    }

    /**
     * As {@link #imageRewards(float[][])}, but an image flagged in {@code self} is one of the
     * reference images itself: its most similar reference (itself, cosine 1) is left out and the
     * mean runs over the next k. Used when the references are the background and some scored
     * images belong to it.
     */
    public float[] imageRewards(float[][] images, boolean[] self) {
        if (self.length != images.length) {
            throw new IllegalArgumentException("self flags: " + self.length + " for " + images.length + " images");
        }
        float[] plain = imageRewards(images);
        boolean any = false;
        for (boolean b : self) {
            any |= b;
        }
        if (!any) {
            return plain;
        }
        if (targetCount < 2) {
            throw new IllegalArgumentException("leaving an image's own row out needs at least 2 references");
        }
        // top (k+1) with the largest (the image itself) removed: ((k+1) mean_{k+1} - max) / k
        int kk = Math.min(k + 1, targetCount);
        float[] heap = new float[kk];
        float[] sims = new float[targetCount];
        for (int i = 0; i < images.length; i++) {
            if (!self[i]) {
                continue;
            }
            float[] row = Dense.normalizedRows(images[i].clone(), 1, dim);
            Dense.gemmNT(1, targetCount, dim, row, targets, sims);
            int size = topInto(sims, 0, targetCount, heap, kk);
            double sum = 0;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < size; j++) {
                sum += heap[j];
                max = Math.max(max, heap[j]);
            }
            plain[i] = (float) ((sum - max) / (size - 1));
        }
        return plain;
    }

    /** Mean of the k largest of values[from, from+len), with a size-k min-heap (no sort of the row). */
    private float meanOfTopK(float[] values, int from, int len, float[] heap) {
        int size = topInto(values, from, len, heap, k);
        double s = 0;
        for (int i = 0; i < size; i++) {
            s += heap[i];
        }
        return (float) (s / size);
    }

    /** Puts the {@code n} largest of values[from, from+len) into heap[0, size) as a min-heap; returns size. */
    private static int topInto(float[] values, int from, int len, float[] heap, int n) {
        int size = 0;
        for (int i = 0; i < len; i++) {
            float v = values[from + i];
            if (size < n) {
                heap[size] = v;
                siftUp(heap, size++);
            } else if (v > heap[0]) {
                heap[0] = v;
                siftDown(heap, size);
            }
        }
        return size;
    }

    private static void siftUp(float[] h, int i) {
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (h[p] <= h[i]) {
                return;
            }
            float t = h[p];
            h[p] = h[i];
            h[i] = t;
            i = p;
        }
    }

    private static void siftDown(float[] h, int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int c = (l + 1 < size && h[l + 1] < h[l]) ? l + 1 : l;
            if (h[i] <= h[c]) {
                return;
            }
            float t = h[c];
            h[c] = h[i];
            h[i] = t;
            i = c;
        }
    }

    private static int dimOf(float[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("target embeddings: no target images; the reward needs at least one");
        }
        return rows[0].length;
    }

    /**
     * Subtracts the mean embedding of all images being compared (this iteration's candidates and
     * the target) from every row of both sets (see RewardConfig#center). The candidates stand for
     * the web, so the target's offset from the web's mean is what a relevant image must share.
     * (Centring on the target's own mean was tried first and is wrong: an image close to the
     * target mean is left with a small, noisy residual whose cosine is arbitrary.)
     */
    public static void center(float[][] target, float[][] candidates) {
        subtract(mean(target, candidates), target, candidates);
    }

    /** Mean row of all rows of the given sets together. */
    private static double[] mean(float[][]... sets) {
        int d = sets[0][0].length;
        double[] mean = new double[d];
        int n = 0;
        for (float[][] set : sets) {
            for (float[] row : set) {
                for (int j = 0; j < d; j++) {
                    mean[j] += row[j];
                }
                n++;
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        return mean;
    }

    static void subtract(double[] ref, float[][]... sets) {
        for (float[][] set : sets) {
            for (float[] row : set) {
                for (int j = 0; j < ref.length; j++) {
                    row[j] -= (float) ref[j];
                }
            }
        }
    }

    /**
     * Subtracts a reference that does not depend on how well the agent is doing: the average of the
     * target's mean embedding and a fixed background sample's mean embedding (equal weights, so
     * neither set dominates by its size), from every row of {@code target} and {@code candidates}.
     * The background stands for the web as a uniformly drawn query sees it; the target's offset
     * from it is what a relevant image must share. With an empty background this is {@link #center}.
     */
    public static void centerOn(float[][] target, float[][] background, float[][] candidates) {
        subtract(reference(target, background, candidates), target, candidates);
    }

    /** The point {@link #centerOn} subtracts: the mean of the target's and the background's means (without a background, {@link #center}'s). */
    static double[] reference(float[][] target, float[][] background, float[][] candidates) {
        if (background == null || background.length == 0) {
            return mean(target, candidates);
        }
        double[] t = mean(target);
        double[] b = mean(background);
        double[] ref = new double[t.length];
        for (int j = 0; j < ref.length; j++) {
            ref[j] = 0.5 * t[j] + 0.5 * b[j];
        }
        return ref;
    }
}
