package dev.explorer.pool.image;

import dev.explorer.pool.source.ImageRef;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.batik.transcoder.ErrorHandler;
import org.apache.batik.transcoder.TranscoderException;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.ImageTranscoder;

/**
 * Makes the pool's thumbnails: PNG, longest side at most {@code maxSide} with the aspect kept
 * (raster images are never enlarged; SVGs render at exactly {@code maxSide}), transparent
 * pixels flattened onto white as a browser page would show them. Raster sizes are read from the
 * header first and images over the pixel cap are refused (decompression bombs, 20,990 x 29,700
 * clip art).
 */
public final class Thumbnailer {

    /** Why an image did not become a thumbnail. */
    public enum Failure { TOO_LARGE, UNDECODABLE, SVG_FAILED }

    /** Thrown for an image that is skipped and counted. */
    public static final class SkipException extends Exception {
        private final Failure failure;

        public SkipException(Failure failure, String message, Throwable cause) {
            super(message, cause);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    /** A finished thumbnail. */
    public record Thumb(byte[] png, int width, int height) {
    }

    private final int maxSide;
    private final long maxPixels;

    public Thumbnailer(int maxSide, long maxPixels) {
        this.maxSide = maxSide;
        this.maxPixels = maxPixels;
    }

    public Thumb make(ImageRef ref, byte[] bytes) throws SkipException {
        return encode(scale(decode(ref, bytes)));
    }

    /** The thumbnail as an image (for targets, which write their own files). */
    public BufferedImage image(ImageRef ref, byte[] bytes) throws SkipException {
        return scale(decode(ref, bytes));
    }

    private BufferedImage decode(ImageRef ref, byte[] bytes) throws SkipException {
        if (ref instanceof ImageRef.RasterFile r) {
            return decodeRaster(bytes, r.path().toString());
        } else if (ref instanceof ImageRef.SvgFile s) {
            return renderSvg(bytes, s.path().toString());
        }
        return gray((ImageRef.Gray) ref);
    }

    private BufferedImage decodeRaster(byte[] bytes, String name) throws SkipException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new SkipException(Failure.UNDECODABLE, name + ": no image reader for this format", null);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if ((long) w * h > maxPixels) {
                    throw new SkipException(Failure.TOO_LARGE,
                            name + ": " + w + "x" + h + " is over the cap of " + maxPixels + " pixels", null);
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int sub = Math.max(1, Math.max(w, h) / (maxSide * 2));
                if (sub > 1) {
                    param.setSourceSubsampling(sub, sub, 0, 0);
                }
                BufferedImage img = reader.read(0, param);
                if (img == null) {
                    throw new SkipException(Failure.UNDECODABLE, name + ": decoder returned nothing", null);
                }
                return img;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new SkipException(Failure.UNDECODABLE, name + ": " + e, e);
        }
    }

    private BufferedImage renderSvg(byte[] bytes, String name) throws SkipException {
        Capture t = new Capture();
        t.addTranscodingHint(ImageTranscoder.KEY_MAX_WIDTH, (float) maxSide);
        t.addTranscodingHint(ImageTranscoder.KEY_MAX_HEIGHT, (float) maxSide);
        t.addTranscodingHint(ImageTranscoder.KEY_BACKGROUND_COLOR, Color.WHITE);
        t.addTranscodingHint(ImageTranscoder.KEY_EXECUTE_ONLOAD, Boolean.FALSE);
        t.addTranscodingHint(ImageTranscoder.KEY_ALLOW_EXTERNAL_RESOURCES, Boolean.FALSE);
        t.setErrorHandler(QUIET);
        try {
            TranscoderInput input = new TranscoderInput(new ByteArrayInputStream(bytes));
            input.setURI("file:" + name);
            t.transcode(input, new TranscoderOutput());
        } catch (TranscoderException | RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            throw new SkipException(Failure.SVG_FAILED, name + ": " + e, e);
        }
        if (t.image == null) {
            throw new SkipException(Failure.SVG_FAILED, name + ": Batik rendered nothing", null);
        }
        return t.image;
    }

    /**
     * Batik's default handler prints every recoverable error (a missing referenced id, a
     * singular transform) to stderr and renders on; this one renders on quietly. Fatal errors
     * still throw and are counted as SVG failures.
     */
    private static final ErrorHandler QUIET = new ErrorHandler() {
        @Override
        public void error(TranscoderException e) {
            // recoverable: the rest of the drawing renders
        }

        @Override
        public void fatalError(TranscoderException e) throws TranscoderException {
            throw e;
        }

        @Override
        public void warning(TranscoderException e) {
            // a warning still renders
        }
    };

    /** Batik's ImageTranscoder, keeping the image instead of writing a file. */
    private static final class Capture extends ImageTranscoder {
        BufferedImage image;

        @Override
        public BufferedImage createImage(int w, int h) {
            return new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        }

        @Override
        public void writeImage(BufferedImage img, TranscoderOutput out) {
            this.image = img;
        }

        /**
         * Batik 1.18's user agent prints the stack trace of every recoverable error (e.g. a CSS value
         * it does not accept in a Tux Paint stamp) to stderr before passing it to the error handler,
         * which filled a new user's first pool build with a 40-line trace. This one only passes it on.
         */
        @Override
        protected org.apache.batik.bridge.UserAgent createUserAgent() {
            return new SVGAbstractTranscoderUserAgent() {
                @Override
                public void displayError(Exception e) {
                    try {
                        QUIET.error(new TranscoderException(e));
                    } catch (TranscoderException ex) {
                        throw new IllegalStateException(ex.getMessage(), ex);
                    }
                }
            };
        }
    }

    private static BufferedImage gray(ImageRef.Gray g) {
        BufferedImage img = new BufferedImage(g.width(), g.height(), BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setDataElements(0, 0, g.width(), g.height(), g.pixels());
        return img;
    }

    /** Down-scales by halving then one bilinear step (good quality, cheap); flattens alpha onto white. */
    BufferedImage scale(BufferedImage src) {
        int w = src.getWidth();
        int h = src.getHeight();
        boolean gray = src.getType() == BufferedImage.TYPE_BYTE_GRAY;
        int type = gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB;
        double f = Math.min(1.0, (double) maxSide / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * f));
        int th = Math.max(1, (int) Math.round(h * f));
        BufferedImage cur = src;
        if (src.getColorModel().hasAlpha() || src.getType() != type) {
            cur = new BufferedImage(w, h, type);
            Graphics2D g = cur.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(src, 0, 0, null);
            g.dispose();
        }
        int cw = w;
        int ch = h;
        while (cw / 2 >= tw && ch / 2 >= th) {
            cw /= 2;
            ch /= 2;
            cur = draw(cur, cw, ch, type);
        }
        if (cw != tw || ch != th) {
            cur = draw(cur, tw, th, type);
        }
        return cur;
    }

    private static BufferedImage draw(BufferedImage src, int w, int h, int type) {
        BufferedImage out = new BufferedImage(w, h, type);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    public static Thumb encode(BufferedImage img) throws SkipException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
            if (!ImageIO.write(img, "png", out)) {
                throw new SkipException(Failure.UNDECODABLE, "no PNG writer", null);
            }
            return new Thumb(out.toByteArray(), img.getWidth(), img.getHeight());
        } catch (IOException e) {
            throw new SkipException(Failure.UNDECODABLE, "PNG encoding failed: " + e, e);
        }
    }
}
