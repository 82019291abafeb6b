package dev.explorer.agent.download;

/** Why a candidate image was not accepted. Every kind is counted in the logs; none stops an iteration. */
public enum FailureKind {
    /** The host's robots.txt disallows our agent (or could not be fetched: 5xx, unreachable). */
    ROBOTS_TXT("robots-txt", false),
    /** The answer's X-Robots-Tag opts out (noai, noimageai, noindex, noimageindex) for all agents or ours. */
    X_ROBOTS_TAG("x-robots-tag", false),
    /** The URL could not be parsed or has an unsupported scheme. */
    BAD_URL("bad-url", false),
    /** Connection refused, reset or DNS failure. */
    CONNECTION("connection", true),
    /** Connect, read (between bytes) or total time limit exceeded, e.g. a server dripping bytes. */
    TIMEOUT("timeout", true),
    /** A non-2xx answer; 5xx and 429 are retried. */
    HTTP_STATUS("http-status", false),
    /** The host (first hop or a redirect) resolved to a loopback, private or link-local address. */
    PRIVATE_ADDRESS("private-address", false),
    /** Too many redirects (a redirect loop). */
    REDIRECT_LOOP("redirect-loop", false),
    /** Content-Type is neither an image type nor a generic binary type. */
    WRONG_CONTENT_TYPE("wrong-content-type", false),
    /** The body exceeded the byte cap (checked while streaming, or from Content-Length). */
    TOO_LARGE("too-large", false),
    /** The first bytes are not those of a JPEG, PNG, GIF, BMP or WebP file. */
    NOT_AN_IMAGE("not-an-image", false),
    /** The header declares more pixels than the cap (a decompression bomb); refused before decoding. */
    TOO_MANY_PIXELS("too-many-pixels", false),
    /** The decoder failed or warned: truncated or corrupt data. */
    DECODE_ERROR("decode-error", false),
    /** Byte-identical to an image already accepted. */
    DUPLICATE("duplicate", false),
    /** Perceptually near-identical to an image already accepted. */
    NEAR_DUPLICATE("near-duplicate", false);

    private final String key;
    private final boolean transientByDefault;

    FailureKind(String key, boolean transientByDefault) {
        this.key = key;
        this.transientByDefault = transientByDefault;
    }

    /** The name used in logs and JSON lines. */
    public String key() {
        return key;
    }

    /** True when a retry may succeed (HTTP status failures decide per status code). */
    boolean isTransient() {
        return transientByDefault;
    }
}
