package dev.explorer.agent.score;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The GP at the paper's near-zero noise (1e-6): the weights w = (K + sI)^-1 y are then large and
 * of both signs, so the mean k*.w cancels and any rounding in the cross-kernel k* is amplified by
 * |w|. Compared with a reference computed entirely in double by a plain Cholesky solve here
 * (no BLAS, no float), on a small problem of clustered 384-d concept-like embeddings.
 * Measured: with a float cross-kernel the mean was 2.2e-7 off (7e-6 score sds; this test's bound
 * is 1e-9 sds), with the double one 2.8e-14 (3.0e-14 at scikit-learn's 1e-10).
 */
class GaussianProcessPrecisionTest {
    static final int DIM = 384;

    /** n unit vectors in a few tight clusters (near-duplicate concepts make K ill-conditioned). */
    static float[] clustered(Random rnd, int n, int clusters, double spread) {
        float[] centres = GaussianProcessTest.unitRows(rnd, clusters, DIM);
        float[] x = new float[n * DIM];
        for (int i = 0; i < n; i++) {
            int c = i % clusters;
            double s = 0;
            for (int j = 0; j < DIM; j++) {
                double v = centres[c * DIM + j] + spread * rnd.nextGaussian() / Math.sqrt(DIM);
                x[i * DIM + j] = (float) v;
                s += v * v;
            }
            for (int j = 0; j < DIM; j++) {
                x[i * DIM + j] = (float) (x[i * DIM + j] / Math.sqrt(s));
            }
        }
        return x;
    }

    static double k(float[] a, int i, float[] b, int j, double l) {
        double d2 = 0;
        for (int t = 0; t < DIM; t++) {
            double d = (double) a[i * DIM + t] - b[j * DIM + t];
            d2 += d * d;
        }
        return Math.exp(-d2 / (2 * l * l));
    }

    /** Reference mean and std in double: textbook Cholesky, forward/back substitution. */
    static double[][] reference(float[] x, double[] y, float[] q, double l, double noise) {
        int n = y.length;
        GaussianProcess.Standardized s = GaussianProcess.Standardized.of(y);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = k(x, i, x, j, l) + (i == j ? noise : 0);
            }
        }
        double[][] lo = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int t = 0; t < j; t++) {
                    sum -= lo[i][t] * lo[j][t];
                }
                lo[i][j] = i == j ? Math.sqrt(sum) : sum / lo[j][j];
            }
        }
        double[] w = solve(lo, s.z());
        int m = q.length / DIM;
        double[] mean = new double[m];
        double[] std = new double[m];
        for (int r = 0; r < m; r++) {
            double[] ks = new double[n];
            double mu = 0;
            for (int i = 0; i < n; i++) {
                ks[i] = k(q, r, x, i, l);
                mu += ks[i] * w[i];
            }
            double[] v = forward(lo, ks);
            double qq = 0;
            for (double t : v) {
                qq += t * t;
            }
            mean[r] = s.mean() + s.sd() * mu;
            std[r] = s.sd() * Math.sqrt(Math.max(0, 1 - qq));
        }
        return new double[][] {mean, std};
    }

    static double[] forward(double[][] lo, double[] b) {
        int n = b.length;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int t = 0; t < i; t++) {
                sum -= lo[i][t] * v[t];
            }
            v[i] = sum / lo[i][i];
        }
        return v;
    }

    static double[] solve(double[][] lo, double[] b) {
        int n = b.length;
        double[] v = forward(lo, b);
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = v[i];
            for (int t = i + 1; t < n; t++) {
                sum -= lo[t][i] * x[t];
            }
            x[i] = sum / lo[i][i];
        }
        return x;
    }

    @Test
    void atNoiseOneInAMillionPredictionsMatchADoublePrecisionReference() {
        double[] err = errors(1e-6);
        assertTrue(err[0] < 1e-9 * err[2], "mean error " + err[0]);
        assertTrue(err[1] < 1e-9 * err[2], "std error " + err[1]);
    }

    @Test
    void atScikitLearnsDefaultNoisePredictionsStayCloseToTheReference() {
        double[] err = errors(1e-10);
        assertTrue(err[0] < 1e-9 * err[2], "mean error " + err[0]);
        assertTrue(err[1] < 1e-9 * err[2], "std error " + err[1]);
    }

    /** Max mean error, max std error, score sd. */
    static double[] errors(double noise) {
        Random rnd = new Random(17);
        int n = 240;
        float[] x = clustered(rnd, n, 12, 0.1);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = 0.3 + 0.1 * x[i * DIM] + 0.05 * Math.sin(20 * x[i * DIM + 1]) + 0.01 * rnd.nextGaussian();
        }
        // candidates near the data (where the cancellation is worst) and random ones
        float[] q = new float[200 * DIM];
        System.arraycopy(clustered(new Random(18), 150, 12, 0.12), 0, q, 0, 150 * DIM);
        System.arraycopy(GaussianProcessTest.unitRows(rnd, 50, DIM), 0, q, 150 * DIM, 50 * DIM);
        double l = 1.0;
        double[][] ref = reference(x, y, q, l, noise);
        GaussianProcess gp = GaussianProcess.exact(x, DIM, y, new GpHyperparameters(l, noise, Double.NaN));
        assertTrue(gp.crossKernelInDouble());
        GaussianProcess.Prediction p = gp.predict(q);
        double sd = GaussianProcess.Standardized.of(y).sd();
        double meanErr = 0;
        double stdErr = 0;
        for (int r = 0; r < ref[0].length; r++) {
            meanErr = Math.max(meanErr, Math.abs(p.mean()[r] - ref[0][r]));
            stdErr = Math.max(stdErr, Math.abs(p.std()[r] - ref[1][r]));
        }
        System.out.printf("noise %.0e: max |mean - reference| = %.3g, max |std - reference| = %.3g (score sd %.3g)%n",
                noise, meanErr, stdErr, sd);
        return new double[] {meanErr, stdErr, sd};
    }
}
