package dev.explorer.agent.sample;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Label-set mode: {@code labelShare} of each iteration's queries (the paper: half) are the
 * target's class names, the rest are concepts from the learned distribution (which the caller
 * builds over the pruned vocabulary). The number of class-name queries is labelShare x count,
 * rounded up or down at random in proportion to the fraction (so exactly half of an even count).
 *
 * <p>Class names are drawn uniformly, in shuffled passes over the list: each name once before
 * any name twice. Without descriptors a repeat would send the identical query twice in one
 * iteration, so then the class-name queries stop at one per name and the remaining slots go to
 * concepts; with descriptors on ({@code repeatLabels}) every repeat gets its own descriptor, as
 * the paper's "++" label-set runs.
 *
 * <p>Each draw's probability is the one actually used this iteration: a class name
 * share/labels, a concept (1 - share) x its probability in the learned distribution, where share
 * is the class names' actual share of this iteration's queries (below labelShare when it was
 * capped).
 */
public final class LabelSetSampler implements QuerySampler {
    private final List<String> labels;
    private final double labelShare;
    private final boolean repeatLabels;
    private final QuerySampler concepts;

    /** Without descriptors: each class name at most once per iteration. */
    public LabelSetSampler(List<String> labels, double labelShare, QuerySampler concepts) {
        this(labels, labelShare, false, concepts);
    }

    /**
     * @param repeatLabels true when descriptors are on: a class name may be drawn again (with
     *     another descriptor) once every name was drawn in this iteration
     */
    public LabelSetSampler(List<String> labels, double labelShare, boolean repeatLabels, QuerySampler concepts) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("label-set mode needs at least one class name");
        }
        if (!(labelShare >= 0 && labelShare <= 1)) {
            throw new IllegalArgumentException("labelShare must be within [0, 1], got " + labelShare);
        }
        this.labels = List.copyOf(labels);
        this.labelShare = labelShare;
        this.repeatLabels = repeatLabels;
        this.concepts = concepts;
    }

    /** Class-name queries among {@code count}, before the random rounding: labelShare x count, capped without repeats. */
    public int labelSlots(int count, double u) {
        int slots = (int) Math.floor(labelShare * count + u);
        return Math.min(slots, repeatLabels ? count : Math.min(count, labels.size()));
    }

    @Override
    public List<Draw> sample(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int labelSlots = labelSlots(count, rnd.nextDouble());
        double share = count == 0 ? 0 : labelSlots / (double) count;
        double labelP = share / labels.size();
        List<Draw> out = new ArrayList<>(count);
        List<String> pass = new ArrayList<>(labels);
        for (int i = 0; i < labelSlots; i++) {
            int k = i % labels.size();
            if (k == 0) {
                shuffle(pass, rnd);
            }
            out.add(Draw.label(pass.get(k), labelP));
        }
        for (Draw d : concepts.sample(count - labelSlots, rnd.nextLong())) {
            out.add(Draw.concept(d.conceptId(), (1 - share) * d.probability()));
        }
        return out;
    }

    private static void shuffle(List<String> list, SplittableRandom rnd) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, rnd.nextInt(i + 1));
        }
    }
}
