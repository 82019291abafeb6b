package dev.explorer.pool.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the pixels of one source image come from. */
public sealed interface ImageRef {

    /** The bytes that identify the image: exact duplicates have equal bytes. */
    byte[] bytes() throws IOException;

    /** A raster file (PNG, JPEG, GIF, BMP, WebP when a reader is present). */
    record RasterFile(Path path) implements ImageRef {
        @Override
        public byte[] bytes() throws IOException {
            return Files.readAllBytes(path);
        }
    }

    /** An SVG file, rasterised with Batik. */
    record SvgFile(Path path) implements ImageRef {
        @Override
        public byte[] bytes() throws IOException {
            return Files.readAllBytes(path);
        }
    }

    /** 8-bit gray pixels in row order (Fashion-MNIST). */
    record Gray(int width, int height, byte[] pixels) implements ImageRef {
        public Gray {
            if (pixels.length != width * height) {
                throw new IllegalArgumentException("gray image " + width + "x" + height + " has " + pixels.length + " bytes");
            }
        }

        @Override
        public byte[] bytes() {
            return pixels;
        }
    }
}
