package dev.explorer.agent.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

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
 * <p>Cost: one pass over the vocabulary's embeddings per draw (146,547 x 384 floats, about 30 ms).
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
            for (int j = 0; j < w.length; j++) {
                if (w[j] > 0) {
                    double d2 = Math.max(0, norm2[id] + norm2[j] - 2 * dot(id, j));
                    w[j] *= -Math.expm1(-d2 * inv2l2);
                }
            }
        }
        return out;
    }

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

    private double dot(int a, int b) {
        int oa = a * dim;
        int ob = b * dim;
        double s = 0;
        for (int i = 0; i < dim; i++) {
            s += embeddings[oa + i] * embeddings[ob + i];
        }
        return s;
    }
}
