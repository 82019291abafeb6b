package dev.explorer.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.encoder.eval.Knn;
import dev.explorer.encoder.eval.LinearProbe;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EvalTest {

    /** Gaussian blobs around {@code classes} random unit centres, normalised like embeddings. */
    private static float[][] blobs(int n, int classes, int dim, double noise, int[] labelsOut, long seed) {
        Random centres = new Random(1234);
        float[][] c = new float[classes][dim];
        for (float[] row : c) {
            for (int j = 0; j < dim; j++) {
                row[j] = (float) centres.nextGaussian();
            }
        }
        Random r = new Random(seed);
        float[][] x = new float[n][dim];
        for (int i = 0; i < n; i++) {
            int y = i % classes;
            labelsOut[i] = y;
            double norm = 0;
            for (int j = 0; j < dim; j++) {
                x[i][j] = (float) (c[y][j] + noise * r.nextGaussian());
                norm += x[i][j] * x[i][j];
            }
            for (int j = 0; j < dim; j++) {
                x[i][j] /= (float) Math.sqrt(norm);
            }
        }
        return x;
    }

    @Test
    void knnIsNearPerfectOnSeparableDataAndChanceOnShuffledLabels() {
        int classes = 5;
        int[] ytr = new int[500];
        int[] yte = new int[500];
        float[][] xtr = blobs(500, classes, 16, 0.3, ytr, 1);
        float[][] xte = blobs(500, classes, 16, 0.3, yte, 2);
        double acc = Knn.accuracy(xtr, ytr, xte, yte, 20, 0.07);
        assertTrue(acc > 0.98, "separable: " + acc);

        int[] shuffled = ytr.clone();
        Random r = new Random(7);
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        double chance = Knn.accuracy(xtr, shuffled, xte, yte, 20, 0.07);
        assertTrue(Math.abs(chance - 1.0 / classes) < 0.07, "shuffled labels: " + chance);
    }

    @Test
    void knnWeightsCloserNeighboursMore() {
        // one very close neighbour of class 1 outvotes two distant ones of class 0 at low temperature
        float[][] train = {{1, 0}, {0.6f, 0.8f}, {0.6f, -0.8f}};
        int[] y = {1, 0, 0};
        float[][] test = {{1, 0}};
        assertEquals(1.0, Knn.accuracy(train, y, test, new int[] {1}, 3, 0.07));
        // at a huge temperature every vote weighs the same: the majority wins
        assertEquals(1.0, Knn.accuracy(train, y, test, new int[] {0}, 3, 1000));
    }

    @Test
    void linearProbeSeparatesBlobsAndNotShuffledLabels() {
        int[] ytr = new int[300];
        int[] yte = new int[300];
        float[][] xtr = blobs(300, 3, 8, 0.3, ytr, 3);
        float[][] xte = blobs(300, 3, 8, 0.3, yte, 4);
        assertTrue(LinearProbe.accuracy(xtr, ytr, xte, yte, 30, 0) > 0.97);
        int[] shuffled = ytr.clone();
        Random r = new Random(5);
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        double chance = LinearProbe.accuracy(xtr, shuffled, xte, yte, 30, 0);
        assertTrue(chance < 0.45, "shuffled: " + chance);
    }
}
