package dev.explorer.pool.cli;

import dev.explorer.config.ExplorerConfig;
import java.nio.file.Path;

/** Default locations under the cache folder. */
final class PoolDirs {
    private PoolDirs() {
    }

    static Path pool(ExplorerConfig c, Path override) {
        if (override != null) {
            return override;
        }
        return c.pool().dir() != null ? c.pool().dir() : c.run().resolvedCacheDir().resolve("pool").resolve("web-v1");
    }

    static Path targets(ExplorerConfig c, Path override) {
        return override != null ? override : c.run().resolvedCacheDir().resolve("targets");
    }
}
