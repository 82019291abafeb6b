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
        SeenValue seenValue,
        @Setting(value = "Whiten the image reward's features with the fixed background's covariance, shrunk toward its "
                + "mean variance by this weight (0 = off: plain cosine, the paper). Directions along which the web "
                + "varies most (drawing style, source) then stop dominating the similarity; needs backgroundSize > 0",
                min = 0, max = 1)
        double whiten,
        @Setting(value = "Subtract this many times an image's mean cosine to its k nearest background images from its "
                + "reward (0 = off, the paper): the reward then measures how much more an image resembles the target "
                + "than the web at large, not how typical its style is; needs backgroundSize > 0", min = 0, max = 10)
        double contrast,
        @Setting("Experiments only, not a method: the image reward is 1 for a downloaded pool image whose ground-truth "
                + "topic (the pool's eval.jsonl) is listed here and 0 otherwise, e.g. [animal, plant]. The upper reference "
                + "for what the sampler and the engine could do with a perfect reward; empty = the encoder's reward")
        java.util.List<String> oracleTopics) implements Checked {

    /** Whether the reward reads the fixed background (centring, whitening or contrast). */
    public boolean usesBackground() {
        return center || whiten > 0 || contrast > 0;
    }

    @Override
    public java.util.List<ConfigProblem> check(String path) {
        java.util.List<ConfigProblem> out = new java.util.ArrayList<>();
        if (whiten > 0 && backgroundSize < 2) {
            out.add(new ConfigProblem(path + ".whiten", null,
                    "is " + whiten + " but " + path + ".backgroundSize is " + backgroundSize
                            + ": whitening estimates the web's covariance from the fixed background",
                    "set " + path + ".backgroundSize to 256 or more, or " + path + ".whiten=0"));
        }
        if (contrast > 0 && backgroundSize < 2) {
            out.add(new ConfigProblem(path + ".contrast", null,
                    "is " + contrast + " but " + path + ".backgroundSize is " + backgroundSize
                            + ": the contrast compares each image with the fixed background",
                    "set " + path + ".backgroundSize to 256 or more, or " + path + ".contrast=0"));
        }
        return out;
    }

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
     * Whitened (0.1) against a background of up to 640 first-iteration images: on T1 it took the GP from 1.08x to
     * 1.29x random's unique relevant images over six seeds (docs/experiments.md, session 16).
     */
    public static final RewardConfig DEFAULTS = new RewardConfig(15, 10, true, Credit.NEW, 640, SeenValue.MEAN, 0.1, 0.0, java.util.List.of());
}
