package dev.explorer.agent.reward;

import dev.explorer.agent.math.Dense;

/**
 * Cosine similarity under the background's covariance instead of the identity: rows are mapped
 * x -> L^-1 x, where L L^T = (1 - s) C + s (tr C / d) I is the background's covariance C shrunk by
 * s toward its mean variance. Any square root of that matrix gives the same cosines; Cholesky is
 * the cheap one.
 *
 * <p>Why: the encoder's features vary most along what tells image <em>collections</em> apart
 * (drawing style, source, colour), so a plain cosine ranks an image by whether it looks like the
 * target's collection. Dividing each direction by how much the web varies along it lets the
 * smaller directions that tell subjects apart within a style count as much (measured on T1 in
 * docs/experiments.md, "A whitened reward"). The background is the run's fixed uniformly drawn
 * sample, so the metric does not move as the agent succeeds. Shrinkage keeps the estimate usable
 * when the background holds about as many images as the embedding has dimensions.
 */
public final class Whitening {
    private final int dim;
    private final double[] lower; // dim x dim, row-major, lower triangle

    private Whitening(int dim, double[] lower) {
        this.dim = dim;
        this.lower = lower;
    }

    /**
     * @param background rows of the reference sample (at least 2)
     * @param shrink weight of the isotropic part, in (0, 1]; 1 leaves cosines unchanged up to a scale
     */
    public static Whitening of(float[][] background, double shrink) {
        if (background.length < 2) {
            throw new IllegalArgumentException("whitening needs at least 2 background images, got " + background.length);
        }
        if (!(shrink > 0 && shrink <= 1)) {
            throw new IllegalArgumentException("whitening shrinkage must be in (0, 1], got " + shrink);
        }
        int n = background.length;
        int d = background[0].length;
        double[] mean = new double[d];
        for (float[] row : background) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] centred = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centred[i * d + j] = background[i][j] - mean[j];
            }
        }
        double[] cov = new double[d * d];
        Dense.gramTN(d, n, centred, cov);
        double trace = 0;
        for (int j = 0; j < d; j++) {
            trace += cov[j * d + j] / n;
        }
        double iso = trace > 0 ? shrink * trace / d : 1.0; // an all-equal background: the identity
        for (int i = 0; i < d * d; i++) {
            cov[i] *= (1 - shrink) / n;
        }
        for (int j = 0; j < d; j++) {
            cov[j * d + j] += iso;
        }
        if (!Dense.cholesky(d, cov)) { // cannot happen with iso > 0 but for rounding; say so rather than go on
            throw new IllegalStateException("whitening: the shrunk background covariance is not positive definite");
        }
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                cov[i * d + j] = 0; // potrf leaves the upper triangle as it was
            }
        }
        return new Whitening(d, cov);
    }

    /** Maps every row x to L^-1 x in place. */
    public void apply(float[][] rows) {
        if (rows.length == 0) {
            return;
        }
        if (rows[0].length != dim) {
            throw new IllegalArgumentException("whitening: rows have " + rows[0].length + " values, the background " + dim);
        }
        double[] b = new double[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < dim; j++) {
                b[i * dim + j] = rows[i][j];
            }
        }
        Dense.solveRightLowerTransposed(rows.length, dim, lower, b); // row x^T L^-T = (L^-1 x)^T
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < dim; j++) {
                rows[i][j] = (float) b[i * dim + j];
            }
        }
    }
}
