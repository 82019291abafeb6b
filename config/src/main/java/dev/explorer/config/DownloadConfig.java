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
        boolean allowPrivateAddresses,
        @Setting(value = "Contact (URL or e-mail) put in the User-Agent of every request, as Wikimedia and others require "
                + "of bots; set it before running against the real web", optional = true) String contact,
        @Setting("Product token of the User-Agent, matched by robots.txt groups and X-Robots-Tag 'token:' prefixes")
        String userAgentToken,
        @Setting("Obey robots.txt of every image host (RFC 9309: fetched once per host, cached 24 h; 4xx = allow all, "
                + "5xx or unreachable = disallow all)") boolean robotsTxt,
        @Setting("Refuse images whose X-Robots-Tag says noai, noimageai, noindex or noimageindex (for all agents or for "
                + "download.userAgentToken)") boolean honourXRobotsTag,
        @Setting(value = "Least time between the starts of two requests to one host, milliseconds (0 = only the "
                + "concurrency limit); a robots.txt Crawl-delay above it is used instead, up to 30 s", min = 0, max = 600_000)
        int perHostIntervalMs) {

    /** The same limits with robots.txt and X-Robots-Tag switched (tests of other behaviour switch them off). */
    public DownloadConfig withEtiquette(boolean robots, boolean xRobots) {
        return new DownloadConfig(concurrency, connectTimeoutMs, readTimeoutMs, totalTimeoutMs, maxBytes, maxPixels,
                retries, perHostConcurrency, retryBackoffMs, nearDuplicateBits, maxSide, allowPrivateAddresses, contact,
                userAgentToken, robots, xRobots, perHostIntervalMs);
    }

    /** The User-Agent sent with every request. */
    public String userAgent() {
        return "Explorer/0.1 (" + (contact == null || contact.isBlank() ? "no contact set: download.contact" : contact)
                + "; " + userAgentToken + ") okhttp/5";
    }


    public static final DownloadConfig DEFAULTS =
            new DownloadConfig(8, 5_000, 10_000, 30_000, 10L * 1024 * 1024, 40_000_000L, 1, 2, 250, 3, 256, false, null,
                    "explorer", true, true, 0);
}
