package dev.explorer.agent.score;

import dev.explorer.agent.math.Dense;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The dot products of every concept with each of the sparse GP's inducing points, kept between
 * refits. The inducing points are observed concepts, and most of them stay inducing points from
 * one iteration to the next, so their columns (concepts . inducing point) need not be computed
 * again: that product, concepts x inducing points x dim, is the largest of a refit (28 G
 * multiply-adds at 146,547 concepts, 500 points, 384 dimensions). Columns of concepts that are no
 * longer inducing points are dropped, so the memory is one column per inducing point (4 bytes per
 * concept each: 293 MB at 146,547 concepts and 500 points).
 *
 * <p>A column is computed by the same sgemm, with the same inner dimension, as the prediction
 * computes it without this cache, so cached and fresh values are the same floats and a resumed
 * run, which starts with an empty cache, scores exactly as the uninterrupted one.
 */
final class BasisDots {
    /** Rows of concepts per sgemm when computing new columns. */
    private static final int BLOCK_ROWS = 8192;

    private final float[] embeddings;
    private final int dim;
    private final int concepts;
    private final Map<Integer, float[]> columns = new HashMap<>();
    private int lastComputed;

    BasisDots(float[] embeddings, int dim) {
        this.embeddings = embeddings;
        this.dim = dim;
        this.concepts = Dense.rows(embeddings, dim, "concept embeddings");
    }

    /**
     * The columns of these concepts, in their order: kept ones as they are, missing ones computed;
     * every other column is dropped.
     */
    float[][] columns(int[] conceptIds) {
        Set<Integer> wanted = new HashSet<>();
        for (int id : conceptIds) {
            wanted.add(id);
        }
        columns.keySet().retainAll(wanted);
        int[] missing = wanted.stream().filter(id -> !columns.containsKey(id)).mapToInt(Integer::intValue).sorted().toArray();
        lastComputed = missing.length;
        if (missing.length > 0) {
            compute(missing);
        }
        float[][] out = new float[conceptIds.length][];
        for (int j = 0; j < conceptIds.length; j++) {
            out[j] = columns.get(conceptIds[j]);
        }
        return out;
    }

    /** Columns kept. */
    int size() {
        return columns.size();
    }

    /** How many columns the last {@link #columns} call computed (the rest were kept). */
    int lastComputed() {
        return lastComputed;
    }

    /**
     * Computes columns GROUP at a time, concept c always in slot c mod GROUP of its sgemm (empty
     * slots repeat a column of the group). OpenBLAS rounds an entry differently by the shape of the
     * product and by the column's place in it; with the same shape and the same place, a column's
     * floats do not depend on which other columns were computed with it, hence not on when the
     * cache last missed, and a resumed run scores exactly as the uninterrupted one
     * (GaussianProcessTest).
     */
    private void compute(int[] ids) {
        java.util.List<java.util.ArrayDeque<Integer>> bySlot = new java.util.ArrayList<>();
        for (int j = 0; j < GROUP; j++) {
            bySlot.add(new java.util.ArrayDeque<>());
        }
        for (int id : ids) {
            bySlot.get(id % GROUP).add(id);
        }
        while (bySlot.stream().anyMatch(q -> !q.isEmpty())) {
            int[] group = new int[GROUP];
            boolean[] real = new boolean[GROUP];
            int any = -1;
            for (int j = 0; j < GROUP; j++) {
                Integer id = bySlot.get(j).poll();
                if (id != null) {
                    group[j] = id;
                    real[j] = true;
                    any = id;
                }
            }
            for (int j = 0; j < GROUP; j++) {
                if (!real[j]) {
                    group[j] = any;
                }
            }
            computeGroup(group, real);
        }
    }

    /** Columns per sgemm. */
    static final int GROUP = 32;

    private void computeGroup(int[] ids, boolean[] keep) {
        int n = ids.length;
        float[] rows = new float[n * dim];
        for (int j = 0; j < n; j++) {
            System.arraycopy(embeddings, ids[j] * dim, rows, j * dim, dim);
        }
        float[][] cols = new float[n][concepts];
        int block = Math.min(concepts, BLOCK_ROWS);
        float[] chunk = new float[block * dim];
        float[] dots = new float[block * n];
        for (int start = 0; start < concepts; start += block) {
            int r = Math.min(block, concepts - start);
            System.arraycopy(embeddings, start * dim, chunk, 0, r * dim);
            Dense.gemmNT(r, n, dim, chunk, rows, dots);
            for (int i = 0; i < r; i++) {
                int row = i * n;
                for (int j = 0; j < n; j++) {
                    cols[j][start + i] = dots[row + j];
                }
            }
        }
        for (int j = 0; j < n; j++) {
            if (keep[j]) {
                columns.put(ids[j], cols[j]);
            }
        }
    }
}
