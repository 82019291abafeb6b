package dev.explorer.config;

/** Limits for fetching candidate images; every limit guards against a hostile or slow server. */
public record DownloadConfig(
        @Setting(value = "Parallel downloads", min = 1, max = 1_024) int concurrency,
        @Setting(value = "Connect timeout per image, milliseconds", min = 1, max = 600_000) int connectTimeoutMs,
        @Setting(value = "Read timeout per image (between bytes), milliseconds", min = 1, max = 600_000)
        int readTimeoutMs,
        @Setting(value = "Total time allowed per image, milliseconds", min = 1, max = 3_600_000) int totalTimeoutMs,
        @Setting(value = "Largest accepted image file, bytes (checked while streaming)", min = 1_024)
        long maxBytes,
        @Setting(value = "Largest accepted image area, pixels (read from the header before decoding)", min = 1)
        long maxPixels,
        @Setting(value = "Retries after a transient failure (timeout, connection error, 5xx, 429)", min = 0, max = 10) int retries,
        @Setting(value = "Parallel downloads from one host", min = 1, max = 1_024) int perHostConcurrency,
        @Setting(value = "Wait before the first retry, milliseconds; doubles with each further retry", min = 0, max = 600_000)
        int retryBackoffMs,
        @Setting(value = "Images whose 64-bit perceptual hashes differ in at most this many bits are near-duplicates (-1 = exact duplicates only)",
                min = -1, max = 16)
        int nearDuplicateBits,
        @Setting(value = "Decoded images are shrunk so their longer side is at most this many pixels", min = 8, max = 8_192)
        int maxSide,
        @Setting("Fetch from loopback, private, link-local (cloud metadata), CGNAT and multicast addresses too. "
                + "Off by default: an engine names the hosts, and must not make us read a service inside this network. "
                + "The configured pool endpoint is always allowed")
        boolean allowPrivateAddresses) {

    public static final DownloadConfig DEFAULTS =
            new DownloadConfig(8, 5_000, 10_000, 30_000, 10L * 1024 * 1024, 40_000_000L, 1, 4, 250, 3, 256, false);
}
