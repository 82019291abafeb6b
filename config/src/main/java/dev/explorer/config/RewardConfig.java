package dev.explorer.config;

/** How images and queries are scored against the target set. */
public record RewardConfig(
        @Setting(value = "Image reward = mean cosine similarity to this many nearest target images (the paper's k)",
                min = 1, max = 10_000)
        int k,
        @Setting(value = "Query reward = mean of this many best image rewards among its results", min = 1, max = 10_000)
        int topN,
        @Setting("Subtract the mean embedding of the iteration's images (candidates and target) before cosine similarity (false = the paper's plain cosine)")
        boolean center,
        @Setting("Which images a query is credited with: new (only images no earlier iteration of the run brought; "
                + "its other result slots count as the iteration's mean image reward, so the GP learns where new "
                + "relevant images are) or all (the paper: every result, however often it was found before)")
        Credit credit,
        @Setting(value = "Images of the first iteration (uniformly drawn queries) kept as the fixed background the "
                + "reward is centred against, weighted equally with the target (0 = centre on this iteration's candidates "
                + "and the target, the first release's drifting reference)", min = 0, max = 100_000)
        int backgroundSize,
        @Setting("With credit=new, what a result the run already had counts as in a query's score: mean (the iteration's "
                + "mean image reward: a concept that only repeats itself drifts to the average) or min (the iteration's "
                + "lowest image reward: repeating is worth as little as the worst new image)")
        SeenValue seenValue) {

    /** What a seen result is worth in a query's score under {@code credit=new}. */
    public enum SeenValue {
        @com.fasterxml.jackson.annotation.JsonProperty("mean") MEAN,
        @com.fasterxml.jackson.annotation.JsonProperty("min") MIN
    }

    /** Which results a query's score is made of. */
    public enum Credit {
        @com.fasterxml.jackson.annotation.JsonProperty("new") NEW,
        @com.fasterxml.jackson.annotation.JsonProperty("all") ALL
    }

    /**
     * Centred by default: a freshly initialised network (the CPU default; the paper started from a
     * MoCo-v3 ImageNet checkpoint) maps every image into a narrow cone of its non-negative feature
     * space, where all cosines are about 0.99 and rewards barely separate relevant from irrelevant
     * images. Measuring around the mean of the images being compared restores the spread; the paper preset turns it off.
     */
    public static final RewardConfig DEFAULTS = new RewardConfig(15, 10, true, Credit.NEW, 256, SeenValue.MEAN);
}
