package dev.explorer.agent.reward;

import java.util.Arrays;

/**
 * The reward of one query: the mean of its top-n image rewards (the paper's n = 10), plus the
 * summary of all its image rewards that goes into rewards.jsonl. When a query has fewer than n
 * images, its score is the mean of those it has (the loop drops queries below the minimum
 * result count before scoring).
 *
 * @param images number of image rewards
 * @param score mean of the top-n image rewards (NaN when there are no images)
 * @param mean mean of all image rewards (NaN when none)
 * @param min smallest image reward (NaN when none)
 * @param max largest image reward (NaN when none)
 * @param median median image reward (NaN when none)
 */
public record QueryScore(int images, double score, double mean, double min, double max, double median) {

    /** Scores one query from its image rewards. */
    public static QueryScore of(float[] imageRewards, int topN) {
        if (topN < 1) {
            throw new IllegalArgumentException("topN must be at least 1, got " + topN);
        }
        int n = imageRewards.length;
        if (n == 0) {
            return new QueryScore(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        float[] sorted = imageRewards.clone();
        Arrays.sort(sorted);
        int take = Math.min(topN, n);
        double top = 0;
        for (int i = n - take; i < n; i++) {
            top += sorted[i];
        }
        double all = 0;
        for (float v : sorted) {
            all += v;
        }
        double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * ((double) sorted[n / 2 - 1] + sorted[n / 2]);
        return new QueryScore(n, top / take, all / n, sorted[0], sorted[n - 1], median);
    }

    /** True when the query had at least one scored image. */
    public boolean scored() {
        return images > 0;
    }
}
