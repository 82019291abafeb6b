package dev.explorer.encoder;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
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
        return new Decoded(w, h, rgbOnWhite(image));
    }

    /** The image's stored pixels ({@link #storedArgb}) composited on white, as packed 0xRRGGBB. */
    public static int[] rgbOnWhite(BufferedImage image) {
        int[] px = storedArgb(image);
        for (int i = 0; i < px.length; i++) {
            px[i] = onWhite(px[i]);
        }
        return px;
    }

    /**
     * The image's pixels as packed 0xAARRGGBB with grey levels as stored in the file.
     * {@link BufferedImage#getRGB} treats a greyscale image's levels as linear light and converts
     * them to sRGB, which brightens them (stored 18 becomes 75, 104 becomes 171): every
     * Fashion-MNIST image would reach the encoder distorted. Grey images (8- or 16-bit, with or
     * without alpha) are therefore read from the raster and scaled to 8 bits; palette, RGB and
     * 16-bit RGB images keep getRGB, whose sRGB path only rescales.
     */
    public static int[] storedArgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel cm = image.getColorModel();
        if (cm instanceof IndexColorModel || cm.getColorSpace().getType() != ColorSpace.TYPE_GRAY) {
            return image.getRGB(0, 0, w, h, null, 0, w);
        }
        Raster raster = image.getRaster();
        int bands = raster.getNumBands();
        int greyMax = (1 << cm.getComponentSize(0)) - 1;
        int alphaMax = bands > 1 ? (1 << cm.getComponentSize(bands - 1)) - 1 : 1;
        int[] samples = raster.getPixels(0, 0, w, h, (int[]) null);
        int[] out = new int[w * h];
        for (int i = 0; i < out.length; i++) {
            int g = to8(samples[i * bands], greyMax);
            int a = bands > 1 ? to8(samples[i * bands + bands - 1], alphaMax) : 255;
            out[i] = (a << 24) | (g << 16) | (g << 8) | g;
        }
        return out;
    }

    private static int to8(int v, int max) {
        return max == 255 ? v : (int) ((v * 255L + max / 2) / max);
    }

    /** Composites one 0xAARRGGBB pixel on white and drops the alpha. */
    private static int onWhite(int p) {
        int a = p >>> 24;
        if (a == 255) {
            return p & 0xffffff;
        }
        int inv = 255 - a;
        int r = (((p >> 16) & 0xff) * a + 255 * inv + 127) / 255;
        int g = (((p >> 8) & 0xff) * a + 255 * inv + 127) / 255;
        int b = ((p & 0xff) * a + 255 * inv + 127) / 255;
        return (r << 16) | (g << 8) | b;
    }
}
