package dev.explorer.agent.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Draws concepts one at a time from a distribution and, after each draw, thins the concepts whose
 * text embeddings sit near the one just drawn: each weight is multiplied by
 * {@code 1 - exp(-d^2 / (2 l^2))}, with d the Euclidean distance between the two (unit) embeddings
 * and l the length scale. So one iteration does not spend its queries on a cluster of
 * near-identical concepts ("luna moth", "imperial moth", ...) whose result pages hold the same
 * images. The concept drawn itself gets weight 0 (without replacement, as the plain sampler).
 *
 * <p>At l = 0.5 a concept at the median nearest-neighbour distance of the WordNet vocabulary
 * (0.47) keeps 36% of its weight, one at the 10th-neighbour distance (0.87) 78%, a random one
 * (1.34) 97%. Each draw's probability is the one it actually had: its weight over the total left
 * at that moment, after the thinning by the earlier draws of the iteration.
 *
 * <p>Cost: one pass over the vocabulary's embeddings per draw, split over the cores: 1.2 s for 32
 * draws over 146,547 x 384 on 2 quiet cores. Not through {@code Dense.gemmNT}: Smile's BLAS copies
 * the whole 225 MB matrix across JNI on every call, which made the same 32 draws take 8-9 s.
 */
public final class DiverseSampler implements QuerySampler {
    private final double[] p;
    private final float[] embeddings;
    private final int dim;
    private final double lengthScale;

    /**
     * @param probabilities a probability per concept id (need not sum to 1)
     * @param embeddings the concepts' text embeddings, row-major, {@code dim} floats per concept id
     * @param lengthScale distance at which the thinning fades (in embedding units); above 0
     */
    public DiverseSampler(double[] probabilities, float[] embeddings, int dim, double lengthScale) {
        if (!(lengthScale > 0) || Double.isInfinite(lengthScale)) {
            throw new IllegalArgumentException("diversity length scale must be above 0, got " + lengthScale);
        }
        if (dim <= 0 || embeddings.length != (long) probabilities.length * dim) {
            throw new IllegalArgumentException("embeddings hold " + embeddings.length + " floats, expected "
                    + probabilities.length + " concepts x " + dim);
        }
        for (int i = 0; i < probabilities.length; i++) {
            if (!(probabilities[i] >= 0) || Double.isInfinite(probabilities[i])) {
                throw new IllegalArgumentException("concept " + i + " has probability " + probabilities[i]);
            }
        }
        this.p = probabilities.clone();
        this.embeddings = embeddings;
        this.dim = dim;
        this.lengthScale = lengthScale;
    }

    @Override
    public List<Draw> sample(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] w = p.clone();
        double[] norm2 = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            norm2[i] = dot(i, i);
        }
        double inv2l2 = 1.0 / (2 * lengthScale * lengthScale);
        List<Draw> out = new ArrayList<>(Math.min(count, p.length));
        for (int k = 0; k < count; k++) {
            double total = 0;
            for (double x : w) {
                total += x;
            }
            if (!(total > 0)) {
                break;
            }
            int id = pick(w, rnd.nextDouble() * total);
            out.add(Draw.concept(id, w[id] / total));
            w[id] = 0;
            int drawn = id;
            // rows in parallel chunks: one pass over the whole matrix per draw is the sampler's only real cost
            IntStream.range(0, (w.length + CHUNK - 1) / CHUNK).parallel().forEach(c -> {
                int end = Math.min(w.length, (c + 1) * CHUNK);
                for (int j = c * CHUNK; j < end; j++) {
                    if (w[j] > 0) {
                        double d2 = Math.max(0, norm2[drawn] + norm2[j] - 2 * dot(drawn, j));
                        w[j] *= -Math.expm1(-d2 * inv2l2);
                    }
                }
            });
        }
        return out;
    }

    private static final int CHUNK = 4096;

    /** The first id whose running sum of weights passes {@code u}; the last positive one if rounding leaves u beyond them all. */
    private static int pick(double[] w, double u) {
        double run = 0;
        int last = -1;
        for (int i = 0; i < w.length; i++) {
            if (w[i] > 0) {
                run += w[i];
                last = i;
                if (run > u) {
                    return i;
                }
            }
        }
        return last;
    }

    /** In float with four accumulators (the JIT keeps them in registers); exact enough for a weight factor. */
    private double dot(int a, int b) {
        int oa = a * dim;
        int ob = b * dim;
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < dim; i += 4) {
            s0 += embeddings[oa + i] * embeddings[ob + i];
            s1 += embeddings[oa + i + 1] * embeddings[ob + i + 1];
            s2 += embeddings[oa + i + 2] * embeddings[ob + i + 2];
            s3 += embeddings[oa + i + 3] * embeddings[ob + i + 3];
        }
        for (; i < dim; i++) {
            s0 += embeddings[oa + i] * embeddings[ob + i];
        }
        return (double) s0 + s1 + s2 + s3;
    }
}
