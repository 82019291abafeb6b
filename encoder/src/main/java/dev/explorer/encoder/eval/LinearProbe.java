package dev.explorer.encoder.eval;

import java.util.Random;

/**
 * A linear probe on frozen features: multinomial logistic regression on standardised features,
 * trained with mini-batch Adam (batch 256, lr 0.01, weight decay 1e-4) for a fixed number of
 * epochs, seeded. The paper does not give its probe protocol; this one is small, deterministic
 * and needs no library.
 */
public final class LinearProbe {

    private LinearProbe() {}

    /** Test accuracy in [0, 1] after {@code epochs} epochs on the training features. */
    public static double accuracy(float[][] trainX, int[] trainY, float[][] testX, int[] testY, int epochs, long seed) {
        int n = trainX.length;
        int d = trainX[0].length;
        int c = 0;
        for (int y : trainY) {
            c = Math.max(c, y + 1);
        }
        for (int y : testY) {
            c = Math.max(c, y + 1);
        }
        // standardise with train statistics
        double[] mean = new double[d];
        double[] std = new double[d];
        for (float[] x : trainX) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (float[] x : trainX) {
            for (int j = 0; j < d; j++) {
                double v = x[j] - mean[j];
                std[j] += v * v;
            }
        }
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(std[j] / n) + 1e-6;
        }
        double[][] xs = standardise(trainX, mean, std);
        double[][] ts = standardise(testX, mean, std);
        double[] w = new double[c * (d + 1)];
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        double[] grad = new double[w.length];
        double lr = 0.01;
        double wd = 1e-4;
        int batch = Math.min(256, n);
        Random rnd = new Random(seed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] logits = new double[c];
        long t = 0;
        for (int e = 0; e < epochs; e++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            for (int start = 0; start < n; start += batch) {
                int end = Math.min(n, start + batch);
                java.util.Arrays.fill(grad, 0);
                for (int b = start; b < end; b++) {
                    double[] x = xs[order[b]];
                    scores(w, x, d, c, logits);
                    softmaxInPlace(logits);
                    int y = trainY[order[b]];
                    for (int k = 0; k < c; k++) {
                        double g = logits[k] - (k == y ? 1 : 0);
                        int off = k * (d + 1);
                        for (int j = 0; j < d; j++) {
                            grad[off + j] += g * x[j];
                        }
                        grad[off + d] += g;
                    }
                }
                int bs = end - start;
                t++;
                double bc1 = 1 - Math.pow(0.9, t);
                double bc2 = 1 - Math.pow(0.999, t);
                for (int p = 0; p < w.length; p++) {
                    double g = grad[p] / bs + wd * w[p];
                    m[p] = 0.9 * m[p] + 0.1 * g;
                    v[p] = 0.999 * v[p] + 0.001 * g * g;
                    w[p] -= lr * (m[p] / bc1) / (Math.sqrt(v[p] / bc2) + 1e-8);
                }
            }
        }
        int correct = 0;
        for (int i = 0; i < ts.length; i++) {
            scores(w, ts[i], d, c, logits);
            int best = 0;
            for (int k = 1; k < c; k++) {
                if (logits[k] > logits[best]) {
                    best = k;
                }
            }
            if (best == testY[i]) {
                correct++;
            }
        }
        return ts.length == 0 ? Double.NaN : (double) correct / ts.length;
    }

    private static double[][] standardise(float[][] x, double[] mean, double[] std) {
        double[][] out = new double[x.length][mean.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < mean.length; j++) {
                out[i][j] = (x[i][j] - mean[j]) / std[j];
            }
        }
        return out;
    }

    private static void scores(double[] w, double[] x, int d, int c, double[] out) {
        for (int k = 0; k < c; k++) {
            int off = k * (d + 1);
            double s = w[off + d];
            for (int j = 0; j < d; j++) {
                s += w[off + j] * x[j];
            }
            out[k] = s;
        }
    }

    private static void softmaxInPlace(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            z[i] = Math.exp(z[i] - max);
            sum += z[i];
        }
        for (int i = 0; i < z.length; i++) {
            z[i] /= sum;
        }
    }
}
