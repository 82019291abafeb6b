package dev.explorer.agent.download;

import dev.explorer.encoder.ImageSource;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * An accepted candidate image, decoded once by the downloader; every other form of it (the
 * encoder's input, the replay buffer's PNG) is made from its pixels here.
 *
 * <p>What a candidate keeps is bounded by download.maxSide, not by the file: its decoded pixels,
 * 3 bytes each (blue, green, red, the layout of {@link BufferedImage#TYPE_3BYTE_BGR}), and not the
 * downloaded file. Nothing after the downloader reads the file (the content hash, the perceptual
 * hash and the format are taken while it is at hand), and a file may weigh up to
 * download.maxBytes. The encoder input shares the pixels. So a batch holds at most
 * 3 x maxSide^2 bytes a candidate (192 KiB at the default 256 px) plus its names and hashes;
 * before, it held the file and 4 bytes a pixel, and the harvest a second copy of the pixels.
 *
 * @param url where it was fetched from
 * @param sha256 hex SHA-256 of the downloaded bytes (content address)
 * @param perceptualHash 64-bit dHash of the decoded image
 * @param byteCount size of the downloaded file (at most download.maxBytes)
 * @param format sniffed format: jpeg, png, gif, webp or bmp
 * @param width decoded (shrunk) width
 * @param height decoded (shrunk) height
 * @param originalWidth width declared by the file
 * @param originalHeight height declared by the file
 * @param bgr the decoded pixels, row-major, blue-green-red, transparency on white
 */
public record Candidate(String url, String sha256, long perceptualHash, int byteCount, String format, int width,
                        int height, int originalWidth, int originalHeight, byte[] bgr) {

    private static final ComponentColorModel SRGB = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
            new int[] {8, 8, 8}, false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);

    /** A candidate keeping {@code image}'s pixels at 3 bytes each. */
    public static Candidate of(String url, String sha256, long perceptualHash, int byteCount, String format,
                               DecodedImage image) {
        int[] rgb = image.rgb();
        byte[] bgr = new byte[3 * rgb.length];
        for (int i = 0, o = 0; i < rgb.length; i++, o += 3) {
            int p = rgb[i];
            bgr[o] = (byte) p;
            bgr[o + 1] = (byte) (p >> 8);
            bgr[o + 2] = (byte) (p >> 16);
        }
        return new Candidate(url, sha256, perceptualHash, byteCount, format, image.width(), image.height(),
                image.originalWidth(), image.originalHeight(), bgr);
    }

    /** The pixels as a {@link DecodedImage} (a new 0xRRGGBB array: for checks, not for the loop). */
    public DecodedImage image() {
        int[] rgb = new int[width * height];
        for (int i = 0, o = 0; i < rgb.length; i++, o += 3) {
            rgb[i] = (bgr[o + 2] & 0xff) << 16 | (bgr[o + 1] & 0xff) << 8 | (bgr[o] & 0xff);
        }
        return new DecodedImage(width, height, rgb, originalWidth, originalHeight);
    }

    /**
     * The pixels as a {@link BufferedImage#TYPE_3BYTE_BGR} image that shares them (no copy: the
     * harvest's encoder inputs would otherwise double what a batch holds). Callers read it;
     * drawing into it would change the candidate.
     */
    public BufferedImage toBufferedImage() {
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(bgr, bgr.length), width, height,
                3 * width, 3, new int[] {2, 1, 0}, null);
        return new BufferedImage(SRGB, raster, false, null);
    }

    /** The candidate as an encoder input, named by its content hash (sharing its pixels). */
    public ImageSource source() {
        return ImageSource.of(sha256, toBufferedImage());
    }
}
