package dev.explorer.agent.score;

/**
 * Scores for every concept of the vocabulary after one refit, indexed by concept id.
 *
 * @param mean GP mean (score units); for observed concepts also the GP's smoothed value
 * @param std GP standard deviation (score units)
 * @param score what the sampler uses: observed concepts keep their observed score (mean of their
 *     observations); unobserved ones get mean + stdWeight * std
 * @param observed which concepts have been observed
 * @param fit how the model was fitted
 */
public record ConceptScores(double[] mean, double[] std, double[] score, boolean[] observed, Fit fit) {

    /**
     * @param mode "prior" (no observations yet), "exact" or "sparse"
     * @param observations distinct observed concepts
     * @param basis observations (exact) or inducing points (sparse) the prediction runs over
     * @param hyperparameters chosen kernel and noise
     * @param fitMillis hyperparameter search + fit
     * @param predictMillis prediction for all concepts
     * @param searchMillis the hyperparameter search (part of fitMillis)
     * @param precision how the concepts were scored: "float" (a sparse model whose float path agrees
     *     with double at its inducing points), "double", or "none" (the prior)
     */
    public record Fit(String mode, int observations, int basis, GpHyperparameters hyperparameters,
                      long fitMillis, long predictMillis, long searchMillis, String precision) {}

    public int size() {
        return score.length;
    }
}
