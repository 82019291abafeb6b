package dev.explorer.agent.download;

import dev.explorer.encoder.Images;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes downloaded bytes safely: reads width and height from the header first and refuses
 * images above the pixel cap before any pixel is allocated (decompression bombs), decodes big
 * images with source subsampling, treats any decoder warning as corruption (the JPEG readers
 * only warn on a truncated file and return a half-grey image), then shrinks the longer side to
 * {@code maxSide} and composites transparency on white.
 */
public final class ImageDecoder {
    private final long maxPixels;
    private final int maxSide;

    public ImageDecoder(long maxPixels, int maxSide) {
        this.maxPixels = maxPixels;
        this.maxSide = maxSide;
    }

    /** Decodes, or throws {@link DownloadFailure} with kind TOO_MANY_PIXELS or DECODE_ERROR. */
    public DecodedImage decode(byte[] bytes) throws DownloadFailure {
        try (ImageInputStream iis = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new DownloadFailure(FailureKind.NOT_AN_IMAGE, "no image reader for this format");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0) {
                    throw new DownloadFailure(FailureKind.DECODE_ERROR, "header declares " + w + "x" + h + " pixels");
                }
                if ((long) w * h > maxPixels) {
                    throw new DownloadFailure(FailureKind.TOO_MANY_PIXELS,
                            "header declares " + w + "x" + h + " pixels, above download.maxPixels=" + maxPixels);
                }
                AtomicReference<String> warning = new AtomicReference<>();
                reader.addIIOReadWarningListener((IIOReadWarningListener) (source, message) -> warning.compareAndSet(null, message));
                ImageReadParam param = reader.getDefaultReadParam();
                int factor = Math.max(1, Math.max(w, h) / (2 * maxSide));
                if (factor > 1) {
                    param.setSourceSubsampling(factor, factor, 0, 0);
                }
                BufferedImage image = reader.read(0, param);
                if (warning.get() != null) {
                    throw new DownloadFailure(FailureKind.DECODE_ERROR, "decoder warning: " + warning.get());
                }
                if (image == null) {
                    throw new DownloadFailure(FailureKind.DECODE_ERROR, "decoder returned no image");
                }
                return toRgb(shrink(image), w, h);
            } finally {
                reader.dispose();
            }
        } catch (DownloadFailure f) {
            throw f;
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            // corrupt data makes some decoders throw unchecked exceptions
            throw new DownloadFailure(FailureKind.DECODE_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Shrinks to {@code maxSide}; grey images are first copied with their stored levels (see {@link Images#storedArgb}). */
    private BufferedImage shrink(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int longer = Math.max(w, h);
        if (longer <= maxSide) {
            return image;
        }
        BufferedImage src = image;
        if (image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            // drawing a grey image into an RGB one converts its levels as linear light: copy them as stored first
            src = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            src.setRGB(0, 0, w, h, Images.storedArgb(image), 0, w);
        }
        double s = maxSide / (double) longer;
        int nw = Math.max(1, (int) Math.round(w * s));
        int nh = Math.max(1, (int) Math.round(h * s));
        BufferedImage out = new BufferedImage(nw, nh, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(src, 0, 0, nw, nh, null);
        g.dispose();
        return out;
    }

    private static DecodedImage toRgb(BufferedImage image, int ow, int oh) {
        return new DecodedImage(image.getWidth(), image.getHeight(), Images.rgbOnWhite(image), ow, oh);
    }
}
