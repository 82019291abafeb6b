package dev.explorer.agent.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Draws concepts without replacement from a fixed distribution (e.g. {@link TieredBoltzmann}):
 * equivalent to drawing one at a time and renormalising over those left, done in one pass with
 * the Efraimidis-Spirakis keys u^(1/p) (the largest {@code count} keys win).
 */
public final class DistributionSampler implements QuerySampler {
    private final double[] p;

    /** @param probabilities a probability per concept id (need not sum exactly to 1) */
    public DistributionSampler(double[] probabilities) {
        for (int i = 0; i < probabilities.length; i++) {
            if (!(probabilities[i] >= 0) || Double.isInfinite(probabilities[i])) {
                throw new IllegalArgumentException("concept " + i + " has probability " + probabilities[i]);
            }
        }
        this.p = probabilities.clone();
    }

    /** The single-draw probability of a concept. */
    public double probability(int conceptId) {
        return p[conceptId];
    }

    @Override
    public List<Draw> sample(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        // min-heap of (key, id) with the count largest keys; key = log(u) / p, compared as doubles
        PriorityQueue<double[]> heap = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        for (int i = 0; i < p.length; i++) {
            if (p[i] <= 0) {
                continue;
            }
            double u = rnd.nextDouble();
            double key = Math.log(u == 0 ? Double.MIN_VALUE : u) / p[i];
            if (heap.size() < count) {
                heap.add(new double[] {key, i});
            } else if (count > 0 && key > heap.peek()[0]) {
                heap.poll();
                heap.add(new double[] {key, i});
            }
        }
        List<double[]> chosen = new ArrayList<>(heap);
        chosen.sort((a, b) -> Double.compare(b[0], a[0])); // order of drawing: largest key first
        List<Draw> out = new ArrayList<>(chosen.size());
        for (double[] c : chosen) {
            int id = (int) c[1];
            out.add(Draw.concept(id, p[id]));
        }
        return out;
    }
}
