package dev.explorer.config;

import java.util.ArrayList;
import java.util.List;

/** How concept scores become a sampling distribution over the vocabulary. */
public record SamplerConfig(
        @Setting("How queries are chosen: gp (the paper's learned distribution), random (uniform, the paper's baseline) or"
                + " none (no search: train on the target alone, the target-only baseline)")
        Strategy strategy,
        @Setting(value = "Softmax temperature is (max score - min score) / this; the best concept is e^this times likelier than the worst",
                min = 0, max = 100, minExclusive = true)
        double softmaxRange,
        @Setting(value = "Rank boundaries of the tiers, ascending (paper: top 250, then ranks 250-1000, then the rest)",
                min = 1)
        List<Integer> tierBounds,
        @Setting(value = "Probability mass of each tier; one more entry than tierBounds, summing to 1", min = 0, max = 1)
        List<Double> tierMasses,
        @Setting(value = "In label-set mode, share of queries that are the class names themselves", min = 0, max = 1)
        double labelSetShare,
        @Setting(value = "Concept score = GP mean + this x GP std (1 = the paper's mean + std)", min = 0, max = 100)
        double stdWeight,
        @Setting(value = "GP length scale and noise by marginal likelihood from this many random starts plus the paper's start; 0 = the paper's fixed kernel (RBF, length scale 1)",
                min = 0, max = 50)
        int gpRestarts,
        @Setting(value = "GP noise variance when the kernel is fixed (gpRestarts=0); the paper uses scikit-learn's default 1e-10. Below 1e-4 the cross-kernel is computed in double",
                min = 1e-12, max = 10)
        double gpNoise,
        @Setting("Standardise the observed scores (zero mean, unit variance) before the GP; false = the paper's zero-mean prior on raw scores (scikit-learn's normalize_y=False)")
        boolean gpStandardize,
        @Setting(value = "At most this many observations (a seeded random subset) enter the GP hyperparameter search",
                min = 2, max = 100_000)
        int gpFitPoints,
        @Setting(value = "Above this many observed concepts the GP switches from exact to sparse (subset of regressors, DTC variance); the paper is always exact",
                min = 1, max = 10_000_000)
        int gpSparseAbove,
        @Setting(value = "Inducing points of the sparse GP: half the best-scoring observed concepts, half chosen greedily by residual kernel variance (pivoted Cholesky) among a seeded random subset of the others",
                min = 1, max = 100_000)
        int gpInducingPoints,
        @Setting(value = "Smallest GP length scale the hyperparameter search may choose. Concept embeddings are unit vectors "
                + "whose nearest neighbour sits about 0.47 away (10th: 0.87, a random pair: 1.34); below about 0.2 the "
                + "kernel is zero between any two concepts and the GP only memorises what it observed (docs/experiments.md)", min = 1e-3, max = 20)
        double gpMinLengthScale,
        @Setting(value = "Batch diversity: after each draw of an iteration, concepts whose text embeddings sit within about this "
                + "distance of the drawn one are thinned (weight x (1 - exp(-d^2 / 2 l^2))), so one iteration does not spend its "
                + "queries on near-identical concepts whose result pages hold the same images (T1: +6% unique relevant images, "
                + "docs/experiments.md); 0 = off (the paper draws independently)",
                min = 0, max = 20)
        double diversityLengthScale) implements Checked {

    public static final SamplerConfig DEFAULTS =
            new SamplerConfig(Strategy.GP, 3.0, List.of(250, 1000), List.of(0.8, 0.1, 0.1), 0.5, 1.0, 2, 1e-6, true, 300, 1000, 500, 0.5, 0.5);

    public enum Strategy {
        @com.fasterxml.jackson.annotation.JsonProperty("gp") GP,
        @com.fasterxml.jackson.annotation.JsonProperty("random") RANDOM,
        /** No search at all: each iteration trains on the target alone (the target-only baseline). */
        @com.fasterxml.jackson.annotation.JsonProperty("none") NONE
    }

    @Override
    public List<ConfigProblem> check(String path) {
        List<ConfigProblem> out = new ArrayList<>();
        if (tierMasses.size() != tierBounds.size() + 1) {
            out.add(new ConfigProblem(path + ".tierMasses", null,
                    "has " + tierMasses.size() + " entries but tierBounds has " + tierBounds.size(),
                    "give exactly " + (tierBounds.size() + 1) + " masses, one per tier (the last tier is everything beyond the last bound)"));
        }
        for (int i = 1; i < tierBounds.size(); i++) {
            if (tierBounds.get(i) <= tierBounds.get(i - 1)) {
                out.add(new ConfigProblem(path + ".tierBounds", null, "is not strictly ascending: " + tierBounds,
                        "list rank boundaries from smallest to largest, e.g. [250, 1000]"));
                break;
            }
        }
        double sum = tierMasses.stream().mapToDouble(Double::doubleValue).sum();
        if (Math.abs(sum - 1.0) > 1e-6) {
            out.add(new ConfigProblem(path + ".tierMasses", null, "sums to " + sum + ", not 1",
                    "scale the masses so they sum to 1, e.g. [0.8, 0.1, 0.1]"));
        }
        return out;
    }
}
