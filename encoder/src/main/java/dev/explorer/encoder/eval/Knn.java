package dev.explorer.encoder.eval;

/**
 * Weighted k-NN classification as in solo-learn's {@code WeightedKNNClassifier}: cosine
 * similarity to every training feature, the k most similar vote for their class with weight
 * {@code exp(similarity / T)}, the class with the largest total wins. Features are expected
 * L2-normalised (as {@code Encoder.embed} returns them), so a dot product is the cosine.
 */
public final class Knn {

    private Knn() {}

    /** Top-1 accuracy in [0, 1] of the test features against the labelled train features. */
    public static double accuracy(float[][] trainX, int[] trainY, float[][] testX, int[] testY, int k, double temperature) {
        if (trainX.length != trainY.length || testX.length != testY.length) {
            throw new IllegalArgumentException("features and labels differ in length");
        }
        if (testX.length == 0) {
            return Double.NaN;
        }
        int classes = 0;
        for (int y : trainY) {
            classes = Math.max(classes, y + 1);
        }
        int kk = Math.min(k, trainX.length);
        int correct = 0;
        double[] sims = new double[trainX.length];
        int[] top = new int[kk];
        double[] votes = new double[classes];
        for (int t = 0; t < testX.length; t++) {
            float[] q = testX[t];
            for (int i = 0; i < trainX.length; i++) {
                float[] x = trainX[i];
                double d = 0;
                for (int j = 0; j < q.length; j++) {
                    d += q[j] * x[j];
                }
                sims[i] = d;
            }
            // partial selection of the kk largest (small k: insertion into a sorted buffer)
            int filled = 0;
            for (int i = 0; i < sims.length; i++) {
                if (filled < kk) {
                    int p = filled++;
                    while (p > 0 && sims[top[p - 1]] < sims[i]) {
                        top[p] = top[p - 1];
                        p--;
                    }
                    top[p] = i;
                } else if (sims[i] > sims[top[kk - 1]]) {
                    int p = kk - 1;
                    while (p > 0 && sims[top[p - 1]] < sims[i]) {
                        top[p] = top[p - 1];
                        p--;
                    }
                    top[p] = i;
                }
            }
            java.util.Arrays.fill(votes, 0);
            for (int n = 0; n < kk; n++) {
                votes[trainY[top[n]]] += Math.exp(sims[top[n]] / temperature);
            }
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (votes[c] > votes[best]) {
                    best = c;
                }
            }
            if (best == testY[t]) {
                correct++;
            }
        }
        return (double) correct / testX.length;
    }
}
