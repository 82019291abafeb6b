package dev.explorer.config;

/**
 * Every setting of Explorer, one record per concern. Build one with {@link ConfigLoader}; the
 * dotted path of a setting is its section name and component name, e.g. {@code train.lr}.
 */
public record ExplorerConfig(
        RunConfig run,
        TargetConfig target,
        VocabConfig vocab,
        SearchConfig search,
        DownloadConfig download,
        RewardConfig reward,
        SamplerConfig sampler,
        TrainConfig train,
        EncoderConfig encoder,
        EvalConfig eval,
        PoolConfig pool) {

    /** The built-in defaults; equal to the {@code cpu} preset. */
    public static ExplorerConfig defaults() {
        return new ExplorerConfig(RunConfig.DEFAULTS, TargetConfig.DEFAULTS, VocabConfig.DEFAULTS,
                SearchConfig.DEFAULTS, DownloadConfig.DEFAULTS, RewardConfig.DEFAULTS, SamplerConfig.DEFAULTS,
                TrainConfig.DEFAULTS, EncoderConfig.DEFAULTS, EvalConfig.DEFAULTS, PoolConfig.DEFAULTS);
    }
}
