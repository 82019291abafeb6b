package dev.explorer.agent.score;

/**
 * Kernel and noise of the concept-score GP, on standardised scores (raw ones with
 * {@code sampler.gpStandardize=false}): k(a, b) = exp(-|a-b|^2 / 2l^2),
 * observation noise variance {@code noise}.
 *
 * @param lengthscale the RBF length scale l (the paper: 1)
 * @param noise noise variance added to the kernel diagonal
 * @param logLikelihood log marginal likelihood on the points the search used (NaN when not searched)
 */
public record GpHyperparameters(double lengthscale, double noise, double logLikelihood) {
    /** The paper's kernel (scikit-learn's default RBF, length scale 1) with the smallest noise we allow. */
    public static final GpHyperparameters PAPER = new GpHyperparameters(1.0, HyperparameterSearch.MIN_NOISE, Double.NaN);
}
