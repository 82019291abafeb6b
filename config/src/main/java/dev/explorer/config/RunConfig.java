package dev.explorer.config;

import java.nio.file.Path;

/** Where a run lives and how long it goes. */
public record RunConfig(
        @Setting("Run name; the run directory is <run.dir>/<run.name>") String name,
        @Setting("Folder that holds run directories") Path dir,
        @Setting("Seed for every random choice (sampling, augmentation, splits)") long seed,
        @Setting(value = "Exploration iterations (search, reward, fit, train) to perform", min = 1, max = 100_000)
        int iterations,
        @Setting(value = "Shared cache folder (embeddings, DJL natives, pool); empty = $EXPLORER_CACHE or ~/.cache/explorer",
                optional = true)
        Path cacheDir,
        @Setting(value = "Encoder checkpoints kept in the run directory (older ones are deleted)", min = 1, max = 1000)
        int keepCheckpoints) {

    public static final RunConfig DEFAULTS = new RunConfig("default", Path.of("runs"), 0L, 10, null, 3);

    /** The run directory, {@code <dir>/<name>}. */
    public Path runDirectory() {
        return dir.resolve(name);
    }

    /** The cache folder after applying the documented fallbacks. */
    public Path resolvedCacheDir() {
        if (cacheDir != null) {
            return cacheDir;
        }
        String env = System.getenv("EXPLORER_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "explorer");
    }
}
