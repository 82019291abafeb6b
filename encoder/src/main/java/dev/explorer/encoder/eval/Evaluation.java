package dev.explorer.encoder.eval;

import dev.explorer.config.EvalConfig;
import dev.explorer.encoder.Encoder;

/** k-NN and linear-probe accuracy of an encoder on a labelled train/test split. */
public record Evaluation(double knnAccuracy, double linearProbeAccuracy, int trainImages, int testImages, int classes,
        double chance) {

    /** Embeds both halves with {@code encoder} and scores them; the probe is skipped (NaN) when disabled. */
    public static Evaluation run(Encoder encoder, LabelledImages.Split split, EvalConfig eval, long seed) {
        float[][] train = encoder.embed(split.train().images());
        float[][] test = encoder.embed(split.test().images());
        double knn = Knn.accuracy(train, split.train().labels(), test, split.test().labels(), eval.knnK(),
                eval.knnTemperature());
        double probe = eval.linearProbe()
                ? LinearProbe.accuracy(train, split.train().labels(), test, split.test().labels(), eval.probeEpochs(), seed)
                : Double.NaN;
        int[] counts = new int[split.classNames().size()];
        for (int y : split.test().labels()) {
            counts[y]++;
        }
        int max = 0;
        for (int c : counts) {
            max = Math.max(max, c);
        }
        return new Evaluation(knn, probe, train.length, test.length, split.classNames().size(),
                (double) max / Math.max(1, test.length));
    }
}
