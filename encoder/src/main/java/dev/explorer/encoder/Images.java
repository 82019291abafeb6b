package dev.explorer.encoder;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes images into packed RGB pixels small enough to augment cheaply. The width and height are
 * read from the header first so a decompression bomb is refused before any pixel is allocated, and
 * big files are decoded with source subsampling (a 4000 px JPEG never becomes a 4000 px raster).
 * Transparent pixels are composited on white: emoji and clip art are drawn on a transparent canvas.
 */
public final class Images {

    /** Refuse images with more pixels than this (about 16k x 16k). */
    public static final long MAX_PIXELS = 268_435_456L;

    private Images() {}

    /** Packed 0xRRGGBB pixels, row-major. */
    public record Decoded(int width, int height, int[] rgb) {
        public long bytes() {
            return 4L * rgb.length;
        }
    }

    /**
     * Decodes {@code source} so that its shorter side is at least {@code minSide} pixels when the
     * original allows it (subsampling only by whole factors that keep that bound).
     */
    public static Decoded decode(ImageSource source, int minSide) throws IOException {
        if (source instanceof ImageSource.Image img) {
            return fromBuffered(img.image());
        }
        try (InputStream in = ImageSource.openStream(source);
                ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            if (iis == null) {
                throw new IOException("cannot open image stream: " + source.id());
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new IOException("unsupported image format (JPEG, PNG, GIF, BMP, WebP are read): " + source.id());
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0 || (long) w * h > MAX_PIXELS) {
                    throw new IOException("refusing image of " + w + "x" + h + " pixels (limit " + MAX_PIXELS
                            + " pixels): " + source.id());
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int factor = Math.max(1, Math.min(w, h) / Math.max(1, minSide));
                if (factor > 1) {
                    param.setSourceSubsampling(factor, factor, 0, 0);
                }
                BufferedImage image = reader.read(0, param);
                if (image == null) {
                    throw new IOException("decoder returned no image: " + source.id());
                }
                return fromBuffered(image);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            // some decoders throw unchecked exceptions on corrupt data
            throw new IOException("corrupt image " + source.id() + ": " + e, e);
        }
    }

    /** Converts any BufferedImage to packed RGB, alpha composited on white. */
    public static Decoded fromBuffered(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        if (image.getColorModel().hasAlpha()) {
            for (int i = 0; i < argb.length; i++) {
                int p = argb[i];
                int a = p >>> 24;
                if (a == 255) {
                    continue;
                }
                int r = (p >> 16) & 0xff;
                int g = (p >> 8) & 0xff;
                int b = p & 0xff;
                int inv = 255 - a;
                r = (r * a + 255 * inv + 127) / 255;
                g = (g * a + 255 * inv + 127) / 255;
                b = (b * a + 255 * inv + 127) / 255;
                argb[i] = (r << 16) | (g << 8) | b;
            }
        }
        for (int i = 0; i < argb.length; i++) {
            argb[i] &= 0xffffff;
        }
        return new Decoded(w, h, argb);
    }
}
