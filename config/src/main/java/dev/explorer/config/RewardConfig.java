package dev.explorer.config;

/** How images and queries are scored against the target set. */
public record RewardConfig(
        @Setting(value = "Image reward = mean cosine similarity to this many nearest target images (the paper's k)",
                min = 1, max = 10_000)
        int k,
        @Setting(value = "Query reward = mean of this many best image rewards among its results", min = 1, max = 10_000)
        int topN) {

    public static final RewardConfig DEFAULTS = new RewardConfig(15, 10);
}
