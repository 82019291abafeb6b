package dev.explorer.agent.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class WhiteningTest {

    private static float[][] copy(float[][] x) {
        float[][] y = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i].clone();
        }
        return y;
    }

    /** x^T A^-1 y in double, A = (1 - s) C + s (tr C / d) I from the background, by Gauss-Jordan. */
    private static double[][] shrunkInverse(float[][] bg, double s) {
        int n = bg.length, d = bg[0].length;
        double[] mean = new double[d];
        for (float[] r : bg) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j] / (double) n;
            }
        }
        double[][] a = new double[d][2 * d];
        double trace = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double c = 0;
                for (float[] r : bg) {
                    c += (r[i] - mean[i]) * (r[j] - mean[j]);
                }
                a[i][j] = (1 - s) * c / n;
                if (i == j) {
                    trace += c / n;
                }
            }
            a[i][d + i] = 1;
        }
        for (int i = 0; i < d; i++) {
            a[i][i] += s * trace / d;
        }
        for (int c = 0; c < d; c++) {
            double p = a[c][c];
            for (int j = 0; j < 2 * d; j++) {
                a[c][j] /= p;
            }
            for (int r = 0; r < d; r++) {
                if (r != c) {
                    double f = a[r][c];
                    for (int j = 0; j < 2 * d; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        double[][] inv = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(a[i], d, inv[i], 0, d);
        }
        return inv;
    }

    private static double form(double[][] m, float[] x, float[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y.length; j++) {
                s += x[i] * m[i][j] * y[j];
            }
        }
        return s;
    }

    private static double cos(float[] x, float[] y) {
        double dot = 0, a = 0, b = 0;
        for (int i = 0; i < x.length; i++) {
            dot += (double) x[i] * y[i];
            a += (double) x[i] * x[i];
            b += (double) y[i] * y[i];
        }
        return dot / Math.sqrt(a * b);
    }

    @Test
    void cosinesAfterWhiteningAreCosinesUnderTheShrunkInverseCovariance() {
        Random rnd = new Random(3);
        int d = 12;
        float[][] bg = new float[40][d]; // fewer images than 4 d: the shrinkage is what keeps it invertible
        for (float[] r : bg) {
            for (int j = 0; j < d; j++) {
                r[j] = (float) (rnd.nextGaussian() * (j < 3 ? 5 : 0.5) + (j == 0 ? 2 : 0)); // three loud directions
            }
        }
        float[][] x = new float[6][d];
        for (float[] r : x) {
            for (int j = 0; j < d; j++) {
                r[j] = (float) rnd.nextGaussian();
            }
        }
        for (double s : new double[] {0.05, 0.3, 1.0}) {
            float[][] w = copy(x);
            Whitening.of(bg, s).apply(w);
            double[][] inv = shrunkInverse(bg, s);
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    double want = form(inv, x[i], x[j]) / Math.sqrt(form(inv, x[i], x[i]) * form(inv, x[j], x[j]));
                    assertEquals(want, cos(w[i], w[j]), 1e-5, "pair " + i + "," + j + " at shrinkage " + s);
                }
            }
        }
        // shrinkage 1 is the isotropic metric: cosines as they were
        float[][] w = copy(x);
        Whitening.of(bg, 1.0).apply(w);
        assertEquals(cos(x[0], x[1]), cos(w[0], w[1]), 1e-6);
    }

    @Test
    void aSmallDirectionThatTellsSubjectsApartOutweighsALoudStyleDirection() {
        // dimension 0 is style: the web spreads along it with sd 10; dimension 1 is subject, sd 0.5.
        // The target is style +10, subject +1. A relevant image in an average style (0, +1) is 10 away
        // along style; an irrelevant one in the target's style (+10, -0.5) is 1.5 away along subject. Plain
        // cosine prefers the irrelevant one; measured in units of the web's spread (1 sd against 3 sd)
        // the relevant one wins.
        Random rnd = new Random(5);
        float[][] bg = new float[2000][3];
        for (float[] r : bg) {
            r[0] = (float) rnd.nextGaussian() * 10f;
            r[1] = (float) rnd.nextGaussian() * 0.5f;
            r[2] = (float) rnd.nextGaussian() * 0.5f;
        }
        float[][] target = {{10f, 1f, 0.1f}, {10f, 1f, -0.1f}};
        float[][] images = {{0f, 1f, 0f}, {10f, -0.5f, 0f}}; // relevant in another style, irrelevant in the target's
        float[] plain = new KnnReward(copy(target), 2).imageRewards(copy(images));
        assertTrue(plain[1] > plain[0] + 0.5, "plain cosine prefers the target's style: " + plain[0] + " vs " + plain[1]);
        Whitening w = Whitening.of(bg, 0.01);
        float[][] t = copy(target);
        float[][] c = copy(images);
        w.apply(t);
        w.apply(c);
        float[] white = new KnnReward(t, 2).imageRewards(c);
        assertTrue(white[0] > white[1] + 0.5, "whitened, the subject wins: " + white[0] + " vs " + white[1]);
    }

    @Test
    void rejectsWhatCannotDefineAMetric() {
        assertThrows(IllegalArgumentException.class, () -> Whitening.of(new float[1][4], 0.1));
        assertThrows(IllegalArgumentException.class, () -> Whitening.of(new float[5][4], 0));
        assertThrows(IllegalArgumentException.class, () -> Whitening.of(new float[5][4], 1.5));
        float[][] same = new float[5][4]; // all equal: no variance at all, the identity
        float[][] x = {{1f, 2f, 3f, 4f}};
        Whitening.of(same, 0.1).apply(x);
        assertEquals(3f, x[0][2], 1e-6);
        assertThrows(IllegalArgumentException.class, () -> Whitening.of(same, 0.1).apply(new float[][] {{1f, 2f}}));
    }
}
