package dev.explorer.pool;

import java.util.Map;

/** {@code pool.json}: written last, so its presence marks a finished pool. */
public record PoolManifest(String name, int images, double tagProbability, long seed, int thumbnailSide,
        Map<String, Integer> imagesPerSource, String builtAt) {
}
