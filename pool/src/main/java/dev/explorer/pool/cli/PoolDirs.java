package dev.explorer.pool.cli;

import dev.explorer.config.ExplorerConfig;
import java.nio.file.Path;

/** Default locations under the cache folder. */
public final class PoolDirs {
    private PoolDirs() {
    }

    /** The pool directory: the override, else pool.dir, else {@code <cache>/pool/web-v1}. */
    public static Path pool(ExplorerConfig c, Path override) {
        if (override != null) {
            return override;
        }
        return c.pool().dir() != null ? c.pool().dir() : c.run().resolvedCacheDir().resolve("pool").resolve("web-v1");
    }

    /** Where targets are written: the override, else {@code <cache>/targets}. */
    public static Path targets(ExplorerConfig c, Path override) {
        return override != null ? override : c.run().resolvedCacheDir().resolve("targets");
    }
}
