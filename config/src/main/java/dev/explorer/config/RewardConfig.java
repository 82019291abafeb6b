package dev.explorer.config;

/** How images and queries are scored against the target set. */
public record RewardConfig(
        @Setting(value = "Image reward = mean cosine similarity to this many nearest target images (the paper's k)",
                min = 1, max = 10_000)
        int k,
        @Setting(value = "Query reward = mean of this many best image rewards among its results", min = 1, max = 10_000)
        int topN,
        @Setting("Subtract the mean embedding of the iteration's images (candidates and target) before cosine similarity (false = the paper's plain cosine)")
        boolean center) {

    /**
     * Centred by default: a freshly initialised network (the CPU default; the paper started from a
     * MoCo-v3 ImageNet checkpoint) maps every image into a narrow cone of its non-negative feature
     * space, where all cosines are about 0.99 and rewards barely separate relevant from irrelevant
     * images. Measuring around the mean of the images being compared restores the spread; the paper preset turns it off.
     */
    public static final RewardConfig DEFAULTS = new RewardConfig(15, 10, true);
}
