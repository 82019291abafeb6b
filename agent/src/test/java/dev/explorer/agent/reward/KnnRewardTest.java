package dev.explorer.agent.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KnnRewardTest {

    /** Brute force: per-pair cosine in double, full sort, mean of the k largest. */
    private static double[] reference(float[][] images, float[][] targets, int k) {
        double[] out = new double[images.length];
        for (int i = 0; i < images.length; i++) {
            double[] sims = new double[targets.length];
            for (int j = 0; j < targets.length; j++) {
                double dot = 0, na = 0, nb = 0;
                for (int d = 0; d < images[i].length; d++) {
                    dot += (double) images[i][d] * targets[j][d];
                    na += (double) images[i][d] * images[i][d];
                    nb += (double) targets[j][d] * targets[j][d];
                }
                sims[j] = dot / Math.sqrt(na * nb);
            }
            Arrays.sort(sims);
            int kk = Math.min(k, sims.length);
            double s = 0;
            for (int j = sims.length - kk; j < sims.length; j++) {
                s += sims[j];
            }
            out[i] = s / kk;
        }
        return out;
    }

    private static float[][] random(Random rnd, int n, int d) {
        float[][] x = new float[n][d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) rnd.nextGaussian() * 3f; // not normalised: the reward must normalise
            }
        }
        return x;
    }

    @Test
    void matchesBruteForceReference() {
        Random rnd = new Random(7);
        float[][] targets = random(rnd, 300, 32);
        float[][] images = random(rnd, 57, 32);
        KnnReward reward = new KnnReward(targets, 15);
        float[] got = reward.imageRewards(images);
        double[] want = reference(images, targets, 15);
        for (int i = 0; i < images.length; i++) {
            assertEquals(want[i], got[i], 1e-5, "image " + i);
        }
    }

    @Test
    void blockingGivesTheSameAnswerAsOneBlock() {
        // more targets x images than one block holds: forces several GEMM blocks
        Random rnd = new Random(3);
        int targets = 5000, d = 8;
        float[][] t = random(rnd, targets, d);
        int n = KnnReward.BLOCK_FLOATS / targets + 37;
        float[][] images = random(rnd, n, d);
        float[] got = new KnnReward(t, 5).imageRewards(images);
        int[] check = {0, 1, n / 2, KnnReward.BLOCK_FLOATS / targets, n - 1};
        float[][] some = new float[check.length][];
        for (int i = 0; i < check.length; i++) {
            some[i] = images[check[i]];
        }
        double[] want = reference(some, t, 5);
        for (int i = 0; i < check.length; i++) {
            assertEquals(want[i], got[check[i]], 1e-5, "image " + check[i]);
        }
    }

    @Test
    void exactNumbersOnAHandMadeCase() {
        float[][] targets = {{1, 0}, {0, 1}, {-1, 0}};
        KnnReward k1 = new KnnReward(targets, 1);
        KnnReward k2 = new KnnReward(targets, 2);
        float[][] images = {{1, 0}, {1, 1}, {0, 0}};
        float[] r1 = k1.imageRewards(images);
        float[] r2 = k2.imageRewards(images);
        assertEquals(1.0, r1[0], 1e-6);
        assertEquals(0.5, r2[0], 1e-6); // (1 + 0) / 2
        assertEquals(Math.sqrt(0.5), r2[1], 1e-6); // both (1,0) and (0,1) at cos 45 degrees
        assertEquals(0.0, r1[2], 1e-6); // zero vector: similarity 0
        // k above the number of targets: all three are averaged
        assertEquals(0.0, new KnnReward(targets, 15).imageRewards(images)[0], 1e-6);
        assertEquals(3, new KnnReward(targets, 15).k());
    }

    @Test
    void rejectsMalformedInput() {
        assertThrows(IllegalArgumentException.class, () -> new KnnReward(new float[5], 2, 1));
        assertThrows(IllegalArgumentException.class, () -> new KnnReward(new float[0], 2, 1));
        assertEquals(0, new KnnReward(new float[][] {{1, 0}}, 1).imageRewards(new float[0]).length);
    }

    @Test
    void queryScoreIsMeanOfTopN() {
        float[] r = {0.1f, 0.9f, 0.5f, 0.7f, 0.3f};
        QueryScore q = QueryScore.of(r, 2);
        assertEquals(0.8, q.score(), 1e-6);
        assertEquals(0.5, q.mean(), 1e-6);
        assertEquals(0.1, q.min(), 1e-6);
        assertEquals(0.9, q.max(), 1e-6);
        assertEquals(0.5, q.median(), 1e-6);
        assertEquals(0.6, QueryScore.of(new float[] {0.9f, 0.1f, 0.7f, 0.5f}, 1).median(), 1e-6);
        assertEquals(5, q.images());
        assertEquals(0.5, QueryScore.of(r, 10).score(), 1e-6); // fewer than n: mean of all
        assertEquals(Double.NaN, QueryScore.of(new float[0], 10).score());
    }
}
