package dev.explorer.agent.download;

import dev.explorer.encoder.ImageSource;
import java.awt.image.BufferedImage;

/**
 * An accepted candidate image, decoded once by the downloader; every other form of it (the
 * encoder's input, the replay buffer's PNG) is made from {@link #image()} here.
 *
 * @param url where it was fetched from
 * @param sha256 hex SHA-256 of the downloaded bytes (content address)
 * @param perceptualHash 64-bit dHash of the decoded image
 * @param bytes the downloaded file (at most download.maxBytes)
 * @param format sniffed format: jpeg, png, gif, webp or bmp
 * @param image decoded, shrunk, transparency on white
 */
public record Candidate(String url, String sha256, long perceptualHash, byte[] bytes, String format, DecodedImage image) {

    /** The decoded pixels as an RGB image (a new one per call: callers keep the one they need). */
    public BufferedImage toBufferedImage() {
        BufferedImage img = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, image.width(), image.height(), image.rgb(), 0, image.width());
        return img;
    }

    /** The candidate as an encoder input, named by its content hash. */
    public ImageSource source() {
        return ImageSource.of(sha256, toBufferedImage());
    }
}
