package dev.explorer.agent.sample;

import dev.explorer.config.SamplerConfig;
import java.util.Arrays;
import java.util.List;

/**
 * The paper's sampling distribution from concept scores: a softmax with temperature
 * tau = (max - min) / softmaxRange (so within the candidates the best concept is e^softmaxRange
 * times likelier than the worst), then tiers by rank: the top tierBounds[0] concepts share
 * tierMasses[0] of the probability, the next ranks up to tierBounds[1] share tierMasses[1], and
 * so on; everything beyond the last bound shares the last mass. Within a tier, concepts keep the
 * softmax ratios. A tier left empty (fewer candidates than its bound) gives its mass to the others
 * in proportion. When all scores are equal there is nothing to prefer: the distribution is
 * uniform (the paper's first iteration).
 */
public final class TieredBoltzmann {
    private TieredBoltzmann() {}

    /**
     * @param scores a score per concept id
     * @param candidates concept ids that may be drawn, or null for all
     * @return a probability per concept id, 0 outside the candidates, summing to 1
     */
    public static double[] distribution(double[] scores, int[] candidates, double softmaxRange,
                                        List<Integer> tierBounds, List<Double> tierMasses) {
        if (tierMasses.size() != tierBounds.size() + 1) {
            throw new IllegalArgumentException("tierMasses needs " + (tierBounds.size() + 1) + " entries (one per tier), got "
                    + tierMasses.size());
        }
        if (!(softmaxRange > 0)) {
            throw new IllegalArgumentException("softmaxRange must be above 0, got " + softmaxRange);
        }
        int[] ids = candidates != null ? candidates.clone() : allIds(scores.length);
        int n = ids.length;
        double[] p = new double[scores.length];
        if (n == 0) {
            throw new IllegalArgumentException("no candidate concepts to sample from");
        }
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int id : ids) {
            double s = scores[id];
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException("concept " + id + " has score " + s + "; scores must be finite");
            }
            max = Math.max(max, s);
            min = Math.min(min, s);
        }
        if (max == min) {
            for (int id : ids) {
                p[id] = 1.0 / n;
            }
            return p;
        }
        double tau = (max - min) / softmaxRange;
        // Only ranks below the last bound matter: rank that head exactly (best first, ties by
        // concept id so the ranking is deterministic); everything else is the last tier.
        int tiers = tierMasses.size();
        int head = tiers == 1 ? 0 : Math.min(n, tierBounds.get(tiers - 2));
        int[] order = new int[n];
        int headCount = rankHead(scores, ids, head, order);
        int[] start = new int[tiers + 1];
        for (int t = 1; t < tiers; t++) {
            start[t] = Math.min(n, Math.max(start[t - 1], tierBounds.get(t - 1)));
        }
        start[tiers] = n;
        if (headCount != head) {
            throw new IllegalStateException("ranked " + headCount + " concepts, expected " + head);
        }
        double liveMass = 0;
        for (int t = 0; t < tiers; t++) {
            if (start[t + 1] > start[t]) {
                liveMass += tierMasses.get(t);
            }
        }
        if (!(liveMass > 0)) {
            throw new IllegalArgumentException("the non-empty tiers have no probability mass: tierMasses "
                    + tierMasses + " with " + n + " candidates and tierBounds " + tierBounds);
        }
        for (int t = 0; t < tiers; t++) {
            double sum = 0;
            for (int r = start[t]; r < start[t + 1]; r++) {
                sum += Math.exp((scores[order[r]] - max) / tau);
            }
            double mass = tierMasses.get(t) / liveMass;
            for (int r = start[t]; r < start[t + 1]; r++) {
                int id = order[r];
                p[id] = mass * Math.exp((scores[id] - max) / tau) / sum;
            }
        }
        return p;
    }

    /**
     * Fills {@code order} with the candidate ids: the best {@code head} first, ranked; then the
     * rest in id order. A primitive sort finds the head's score threshold, so only about
     * {@code head} ids are sorted with a comparator (146k boxed ids would take ~0.5 s).
     *
     * @return the number of ranked ids (= head)
     */
    private static int rankHead(double[] scores, int[] ids, int head, int[] order) {
        int n = ids.length;
        if (head == 0) {
            System.arraycopy(ids, 0, order, 0, n);
            return 0;
        }
        double[] vals = new double[n];
        for (int i = 0; i < n; i++) {
            vals[i] = scores[ids[i]];
        }
        Arrays.sort(vals);
        double threshold = vals[n - head];
        List<Integer> top = new java.util.ArrayList<>();
        for (int id : ids) {
            if (scores[id] >= threshold) {
                top.add(id);
            }
        }
        top.sort((a, b) -> {
            int c = Double.compare(scores[b], scores[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        java.util.BitSet inHead = new java.util.BitSet();
        for (int r = 0; r < head; r++) {
            order[r] = top.get(r);
            inHead.set(top.get(r));
        }
        int k = head;
        for (int id : ids) {
            if (!inHead.get(id)) {
                order[k++] = id;
            }
        }
        return head;
    }

    /** The distribution with the settings of {@link SamplerConfig}. */
    public static double[] distribution(double[] scores, int[] candidates, SamplerConfig c) {
        return distribution(scores, candidates, c.softmaxRange(), c.tierBounds(), c.tierMasses());
    }

    static int[] allIds(int n) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return ids;
    }
}
