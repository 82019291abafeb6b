package dev.explorer.agent.reward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.config.RewardConfig;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageRewardTest {

    private static RewardConfig cfg(boolean center, int k, double whiten, double contrast) {
        RewardConfig d = RewardConfig.DEFAULTS;
        return new RewardConfig(k, d.topN(), center, d.credit(), 64, d.seenValue(), whiten, contrast, java.util.List.of());
    }

    private static float[][] gaussian(Random rnd, int n, int d, double shift) {
        float[][] x = new float[n][d];
        for (float[] r : x) {
            for (int j = 0; j < d; j++) {
                r[j] = (float) (rnd.nextGaussian() + (j == 0 ? shift : 0));
            }
        }
        return x;
    }

    /** Mean of the k largest cosines in double, skipping reference {@code skip} (-1: none). */
    private static double knn(double[] x, double[][] refs, int k, int skip) {
        double[] s = new double[refs.length - (skip >= 0 ? 1 : 0)];
        int m = 0;
        for (int j = 0; j < refs.length; j++) {
            if (j == skip) {
                continue;
            }
            double dot = 0, a = 0, b = 0;
            for (int i = 0; i < x.length; i++) {
                dot += x[i] * refs[j][i];
                a += x[i] * x[i];
                b += refs[j][i] * refs[j][i];
            }
            s[m++] = dot / Math.sqrt(a * b);
        }
        Arrays.sort(s);
        int kk = Math.min(k, s.length);
        double sum = 0;
        for (int j = s.length - kk; j < s.length; j++) {
            sum += s[j];
        }
        return sum / kk;
    }

    private static double[][] minus(float[][] x, double[] ref) {
        double[][] y = new double[x.length][x[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < ref.length; j++) {
                y[i][j] = x[i][j] - ref[j];
            }
        }
        return y;
    }

    private static double[] mean(float[][] x) {
        double[] m = new double[x[0].length];
        for (float[] r : x) {
            for (int j = 0; j < m.length; j++) {
                m[j] += r[j] / (double) x.length;
            }
        }
        return m;
    }

    @Test
    void contrastIsTargetNeighboursMinusBetaTimesBackgroundNeighboursLeavingAnImageItselfOut() {
        Random rnd = new Random(11);
        int d = 16, k = 5;
        float[][] target = gaussian(rnd, 30, d, 2.0);
        float[][] background = gaussian(rnd, 40, d, 0.0);
        float[][] candidates = gaussian(rnd, 12, d, 1.0);
        // candidates 3 and 7 are background images 5 and 9 (the first iteration scores its own background)
        candidates[3] = background[5].clone();
        candidates[7] = background[9].clone();
        boolean[] inBackground = new boolean[12];
        inBackground[3] = true;
        inBackground[7] = true;
        double beta = 0.8;
        float[] got = ImageReward.compute(cfg(true, k, 0, beta), target, background, candidates, inBackground);

        double[] t = mean(target), b = mean(background), ref = new double[d];
        for (int j = 0; j < d; j++) {
            ref[j] = 0.5 * t[j] + 0.5 * b[j];
        }
        double[][] tc = minus(target, ref), bc = minus(background, ref), cc = minus(candidates, ref);
        for (int i = 0; i < 12; i++) {
            int self = i == 3 ? 5 : i == 7 ? 9 : -1;
            double want = knn(cc[i], tc, k, -1) - beta * knn(cc[i], bc, k, self);
            assertEquals(want, got[i], 2e-5, "candidate " + i);
        }
        // without the flag the image finds itself at cosine 1 and its reward drops
        float[] unflagged = ImageReward.compute(cfg(true, k, 0, beta), target, background, candidates, null);
        assertTrue(unflagged[3] < got[3] - 0.01, unflagged[3] + " vs " + got[3]);
        assertEquals(got[0], unflagged[0], 1e-6);
    }

    @Test
    void offSettingsAreThePapersPlainReward() {
        Random rnd = new Random(12);
        float[][] target = gaussian(rnd, 20, 8, 1.0);
        float[][] background = gaussian(rnd, 30, 8, 0.0);
        float[][] candidates = gaussian(rnd, 9, 8, 0.5);
        float[][] before = new float[9][];
        for (int i = 0; i < 9; i++) {
            before[i] = candidates[i].clone();
        }
        float[] got = ImageReward.compute(cfg(false, 15, 0, 0), target, background, candidates, null);
        assertArrayEquals(new KnnReward(target, 15).imageRewards(candidates), got, 1e-6f);
        for (int i = 0; i < 9; i++) {
            assertArrayEquals(before[i], candidates[i], "inputs are not changed");
        }
        // centring, whitening and contrast all on: the same as doing each step by hand
        float[] all = ImageReward.compute(cfg(true, 4, 0.2, 1.0), target, background, candidates, null);
        double[] t = mean(target), b = mean(background);
        double[] ref = new double[8];
        for (int j = 0; j < 8; j++) {
            ref[j] = 0.5 * t[j] + 0.5 * b[j];
        }
        Whitening w = Whitening.of(background, 0.2);
        float[][] tw = toFloat(minus(target, ref)), bw = toFloat(minus(background, ref)), cw = toFloat(minus(candidates, ref));
        w.apply(tw);
        w.apply(bw);
        w.apply(cw);
        float[] pos = new KnnReward(tw, 4).imageRewards(cw);
        float[] neg = new KnnReward(bw, 4).imageRewards(cw);
        for (int i = 0; i < 9; i++) {
            assertEquals(pos[i] - neg[i], all[i], 1e-5, "candidate " + i);
        }
    }

    private static float[][] toFloat(double[][] x) {
        float[][] y = new float[x.length][x[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                y[i][j] = (float) x[i][j];
            }
        }
        return y;
    }
}
