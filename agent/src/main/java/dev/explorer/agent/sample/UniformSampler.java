package dev.explorer.agent.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The paper's baseline: concepts uniformly at random (without replacement within an iteration). */
public final class UniformSampler implements QuerySampler {
    private final int[] candidates;

    /** Over concept ids 0 .. concepts-1. */
    public UniformSampler(int concepts) {
        this(TieredBoltzmann.allIds(concepts));
    }

    /** Over the given concept ids. */
    public UniformSampler(int[] candidates) {
        if (candidates.length == 0) {
            throw new IllegalArgumentException("no candidate concepts to sample from");
        }
        this.candidates = candidates.clone();
    }

    @Override
    public List<Draw> sample(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = candidates.length;
        int k = Math.min(count, n);
        int[] pool = candidates.clone();
        List<Draw> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
            out.add(Draw.concept(pool[i], 1.0 / n));
        }
        return out;
    }
}
