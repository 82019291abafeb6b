package dev.explorer.agent.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Label-set mode: each query of the iteration is one of the target's class names with
 * probability {@code labelShare} (the paper: 50%), otherwise a concept from the learned
 * distribution (which the caller builds over the pruned vocabulary). Class names are drawn
 * uniformly and without replacement within the iteration; once all were used, the remaining
 * slots go to concepts.
 */
public final class LabelSetSampler implements QuerySampler {
    private final List<String> labels;
    private final double labelShare;
    private final QuerySampler concepts;

    public LabelSetSampler(List<String> labels, double labelShare, QuerySampler concepts) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("label-set mode needs at least one class name");
        }
        if (!(labelShare >= 0 && labelShare <= 1)) {
            throw new IllegalArgumentException("labelShare must be within [0, 1], got " + labelShare);
        }
        this.labels = List.copyOf(labels);
        this.labelShare = labelShare;
        this.concepts = concepts;
    }

    @Override
    public List<Draw> sample(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int labelSlots = 0;
        for (int i = 0; i < count; i++) {
            if (rnd.nextDouble() < labelShare) {
                labelSlots++;
            }
        }
        labelSlots = Math.min(labelSlots, labels.size());
        List<String> pool = new ArrayList<>(labels);
        List<Draw> out = new ArrayList<>(count);
        double labelP = labelShare / labels.size();
        for (int i = 0; i < labelSlots; i++) {
            int j = i + rnd.nextInt(pool.size() - i);
            String t = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, t);
            out.add(Draw.label(pool.get(i), labelP));
        }
        for (Draw d : concepts.sample(count - labelSlots, rnd.nextLong())) {
            out.add(Draw.concept(d.conceptId(), (1 - labelShare) * d.probability()));
        }
        return out;
    }
}
