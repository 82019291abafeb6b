package dev.explorer.vocab;

import java.util.Arrays;
import java.util.List;

/**
 * Label-set mode (paper, section "label set"): when the class names of the target are known,
 * keep only the concepts closest to them. A concept's score is the mean of its k highest cosine
 * similarities to the class-name embeddings, k = a third of the number of classes (at least 1),
 * so a concept near several classes beats one that matches a single class name by accident.
 */
public final class LabelSetPruner {

    private LabelSetPruner() {
    }

    /**
     * @param rows    kept rows of the vocabulary, best first
     * @param scores  the score of every row of the vocabulary (not only the kept ones)
     * @param k       how many class similarities were averaged
     */
    public record Result(Vocabulary kept, int[] rows, float[] scores, int k) {
    }

    /** k for a label set of {@code classes} names: a third, rounded, at least 1. */
    public static int k(int classes) {
        return Math.max(1, Math.round(classes / 3.0f));
    }

    /**
     * @param classNames the target's class names (at least one)
     * @param keep       share of the vocabulary to keep, in (0, 1] (paper: 0.10)
     */
    public static Result prune(ConceptEmbeddings embeddings, List<String> classNames, double keep) {
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("Label-set pruning needs at least one class name");
        }
        return prune(embeddings, embeddings.embedTexts(classNames), keep);
    }

    /** Same, with the class names already embedded (unit rows, same model). */
    public static Result prune(ConceptEmbeddings embeddings, float[][] classVectors, double keep) {
        if (!(keep > 0 && keep <= 1)) {
            throw new IllegalArgumentException("vocab.labelSetKeep must be in (0, 1], got " + keep);
        }
        int m = classVectors.length;
        int k = k(m);
        int n = embeddings.size();
        float[][] sims = new float[m][];
        for (int c = 0; c < m; c++) {
            sims[c] = embeddings.similarities(classVectors[c]);
        }
        float[] scores = new float[n];
        float[] column = new float[m];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < m; c++) {
                column[c] = sims[c][i];
            }
            Arrays.sort(column);
            double sum = 0;
            for (int j = m - k; j < m; j++) {
                sum += column[j];
            }
            scores[i] = (float) (sum / k);
        }
        int count = (int) Math.max(1, Math.ceil(keep * n));
        int[] rows = ConceptEmbeddings.topIndices(scores, count, i -> false);
        Vocabulary kept = embeddings.vocabulary().select(
                embeddings.vocabulary().name() + "-labelset" + m + "-keep" + Math.round(keep * 1000), rows);
        return new Result(kept, rows, scores, k);
    }
}
