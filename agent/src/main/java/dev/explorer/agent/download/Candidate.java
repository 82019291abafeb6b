package dev.explorer.agent.download;

/**
 * An accepted candidate image.
 *
 * @param url where it was fetched from
 * @param sha256 hex SHA-256 of the downloaded bytes (content address)
 * @param perceptualHash 64-bit dHash of the decoded image
 * @param bytes the downloaded file (at most download.maxBytes)
 * @param format sniffed format: jpeg, png, gif, webp or bmp
 * @param image decoded, shrunk, transparency on white
 */
public record Candidate(String url, String sha256, long perceptualHash, byte[] bytes, String format, DecodedImage image) {}
