package dev.explorer.config;

/** How the encoder is evaluated when labels are available. */
public record EvalConfig(
        @Setting(value = "Neighbours voting in k-NN accuracy", min = 1, max = 10_000) int knnK,
        @Setting(value = "Temperature of the weighted k-NN vote (solo-learn)", min = 0, max = 100, minExclusive = true)
        double knnTemperature,
        @Setting(value = "Evaluate k-NN every this many iterations (0 = only after the last one)", min = 0, max = 100_000)
        int everyIterations,
        @Setting("Fit a linear probe on frozen features at the end of a run") boolean linearProbe,
        @Setting(value = "Epochs of linear-probe training", min = 1, max = 10_000) int probeEpochs,
        @Setting("Fit the linear probe at every evaluation, not only the last (accuracy-vs-steps curves;"
                + " needs eval.linearProbe)")
        boolean probeEachEvaluation) {

    public static final EvalConfig DEFAULTS = new EvalConfig(20, 0.07, 1, true, 100, false);
}
