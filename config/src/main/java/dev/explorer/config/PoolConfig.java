package dev.explorer.config;

import java.nio.file.Path;

/** The offline web: the static image pool and the server that searches it. */
public record PoolConfig(
        @Setting(value = "Pool directory (thumbnails, captions, index); empty = <cacheDir>/pool/web-v1", optional = true)
        Path dir,
        @Setting("Address the pool server binds to (loopback by default)") String host,
        @Setting(value = "Port of the pool server (0 = any free port)", min = 0, max = 65_535) int port,
        @Setting(value = "Probability that each extra tag of an image is indexed (title and file-name words always are)",
                min = 0, max = 1)
        double tagProbability,
        @Setting("Leave out sources whose licence forbids commercial use (Apple, Facebook emoji)") boolean licenceClean) {

    public static final PoolConfig DEFAULTS = new PoolConfig(null, "127.0.0.1", 8765, 0.3, false);
}
