package dev.explorer.agent.reward;

import dev.explorer.config.RewardConfig;

/**
 * The image reward from embeddings to numbers, one function for the loop and for
 * {@code explorer reward-check}, so that what reward-check measures is what the loop uses:
 *
 * <ol>
 *   <li>centre (reward.center): subtract the mean of the target's and the background's means;
 *   <li>whiten (reward.whiten): cosine under the background's shrunk covariance ({@link Whitening});
 *   <li>r(y) = mean cosine to the k nearest target images (the paper's reward);
 *   <li>contrast (reward.contrast = beta): r(y) - beta x mean cosine to the k nearest background images.
 * </ol>
 *
 * <p>The contrast asks how much more an image resembles the target than it resembles the web at
 * large (a k-NN estimate of how much likelier it is under the target than under the web): an
 * image close to the target only because it is close to everything typical of the web (a common
 * drawing style) no longer scores high. The background is the run's fixed sample of its first,
 * uniformly drawn iteration, so the reference does not move as the agent succeeds.
 */
public final class ImageReward {
    private ImageReward() {}

    /**
     * @param target target embeddings (not changed)
     * @param background the fixed background's embeddings, or null/empty (not changed)
     * @param candidates the images to score (not changed)
     * @param inBackground per candidate, whether it is itself one of the background images (its own
     *     row is then left out of its background neighbours); null when none is
     */
    public static float[] compute(RewardConfig cfg, float[][] target, float[][] background, float[][] candidates,
            boolean[] inBackground) {
        if (candidates.length == 0) {
            return new float[0];
        }
        float[][] t = copy(target);
        float[][] c = copy(candidates);
        float[][] b = background == null ? new float[0][] : copy(background);
        // the metric and the reference come from the sets as given, before anything is changed
        Whitening w = cfg.whiten() > 0 && b.length >= 2 ? Whitening.of(b, cfg.whiten()) : null;
        if (cfg.center()) {
            KnnReward.subtract(KnnReward.reference(t, b, c), t, c, b);
        }
        if (w != null) {
            w.apply(t);
            w.apply(c);
            w.apply(b);
        }
        float[] reward = new KnnReward(t, cfg.k()).imageRewards(c);
        if (cfg.contrast() > 0 && b.length >= 2) {
            float[] typical = new KnnReward(b, cfg.k())
                    .imageRewards(c, inBackground == null ? new boolean[c.length] : inBackground);
            for (int i = 0; i < reward.length; i++) {
                reward[i] -= (float) (cfg.contrast() * typical[i]);
            }
        }
        return reward;
    }

    /** One line for logs and reward-check: what the reward is, with these settings and this background. */
    public static String describe(RewardConfig cfg, int targetImages, int backgroundImages) {
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT,
                "mean cosine to the %d nearest of %d target images", Math.min(cfg.k(), targetImages), targetImages));
        if (cfg.contrast() > 0 && backgroundImages >= 2) {
            sb.append(String.format(java.util.Locale.ROOT, " minus %s x mean cosine to the %d nearest of the %d background images",
                    cfg.contrast(), Math.min(cfg.k(), backgroundImages), backgroundImages));
        }
        sb.append("; centred: ").append(!cfg.center() ? "no"
                : backgroundImages == 0 ? "on the mean of the scored images and the target"
                : "on target + a fixed background of " + backgroundImages + " uniformly drawn images, weighted equally");
        if (cfg.whiten() > 0 && backgroundImages >= 2) {
            sb.append("; whitened by the background's covariance, shrinkage ").append(cfg.whiten());
        }
        return sb.toString();
    }

    private static float[][] copy(float[][] x) {
        float[][] y = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i].clone();
        }
        return y;
    }
}
