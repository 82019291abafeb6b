package dev.explorer.agent.score;

import dev.explorer.agent.math.Dense;
import smile.math.DifferentiableMultivariateFunction;

/**
 * Negative log marginal likelihood of a zero-mean GP with kernel exp(-d^2 / 2l^2) + s I on
 * standardised targets, as a function of (log l, log s), with its analytic gradient. The squared
 * distances are computed once per fit: hyperparameters only rescale them, so each evaluation is
 * O(n^2) element work plus one Cholesky and, for the gradient, one inverse (both BLAS).
 */
final class LogMarginalLikelihood implements DifferentiableMultivariateFunction {
    /** Returned where the kernel matrix is not positive definite: the optimiser backs off. */
    static final double INFEASIBLE = 1e30;

    private final int n;
    private final double[] d2;
    private final double[] y;

    /**
     * @param d2 squared distances between the n training points, row-major n x n
     * @param y standardised targets
     */
    LogMarginalLikelihood(double[] d2, double[] y) {
        this.n = y.length;
        if (d2.length != n * n) {
            throw new IllegalArgumentException("distance matrix has " + d2.length + " values, expected " + n * n);
        }
        this.d2 = d2;
        this.y = y;
    }

    /** log p(y | l, s): the quantity maximised (Smile's {@code GaussianProcessRegression.L}). */
    double logLikelihood(double lengthscale, double noise) {
        return -evaluate(Math.log(lengthscale), Math.log(noise), null);
    }

    @Override
    public double f(double[] x) {
        return evaluate(x[0], x[1], null);
    }

    @Override
    public double g(double[] x, double[] gradient) {
        return evaluate(x[0], x[1], gradient);
    }

    private double evaluate(double logL, double logS, double[] gradient) {
        double l2 = Math.exp(2 * logL);
        double s = Math.exp(logS);
        double[] kf = new double[n * n];
        double inv2l2 = 0.5 / l2;
        for (int i = 0; i < kf.length; i++) {
            kf[i] = Math.exp(-d2[i] * inv2l2);
        }
        double[] factor = kf.clone();
        for (int i = 0; i < n; i++) {
            factor[i * n + i] += s;
        }
        if (!Dense.cholesky(n, factor)) {
            if (gradient != null) {
                gradient[0] = 0;
                gradient[1] = 0;
            }
            return INFEASIBLE;
        }
        double[] alpha = y.clone();
        Dense.choleskySolve(n, 1, factor, alpha);
        double fit = 0;
        for (int i = 0; i < n; i++) {
            fit += y[i] * alpha[i];
        }
        double nll = 0.5 * (fit + Dense.logDet(n, factor) + n * Math.log(2 * Math.PI));
        if (gradient != null) {
            double[] kinv = Dense.choleskyInverseFast(n, factor);
            // dL/dtheta = 1/2 tr((alpha alpha^T - K^-1) dK/dtheta)
            double gl = 0;
            double trace = 0;
            double aa = 0;
            for (int i = 0; i < n; i++) {
                int row = i * n;
                double ai = alpha[i];
                for (int j = 0; j < n; j++) {
                    gl += (ai * alpha[j] - kinv[row + j]) * kf[row + j] * d2[row + j];
                }
                trace += kinv[row + i];
                aa += ai * ai;
            }
            gradient[0] = -0.5 * gl / l2;
            gradient[1] = -0.5 * s * (aa - trace);
        }
        return nll;
    }
}
