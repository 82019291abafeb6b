package dev.explorer.encoder;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One image the encoder can train on or embed: a file, encoded bytes, or an image already in memory.
 * Decoding is done by {@link Images#decode}, which refuses absurd sizes and subsamples big files.
 */
public sealed interface ImageSource {

    /** A stable name for logs and error messages (the path, or a caller-given id). */
    String id();

    /** An image file (JPEG, PNG, GIF, BMP, WebP). */
    record File(Path path) implements ImageSource {
        public File {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String id() {
            return path.toString();
        }
    }

    /** Encoded image bytes, e.g. a download that was never written to disk. */
    record Bytes(String id, byte[] data) implements ImageSource {
        public Bytes {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(data, "data");
        }

        InputStream open() {
            return new ByteArrayInputStream(data);
        }
    }

    /** A decoded image. */
    record Image(String id, BufferedImage image) implements ImageSource {
        public Image {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(image, "image");
        }
    }

    static ImageSource of(Path path) {
        return new File(path);
    }

    static ImageSource of(String id, BufferedImage image) {
        return new Image(id, image);
    }

    static ImageSource ofBytes(String id, byte[] data) {
        return new Bytes(id, data);
    }

    static List<ImageSource> ofPaths(List<Path> paths) {
        List<ImageSource> out = new ArrayList<>(paths.size());
        for (Path p : paths) {
            out.add(new File(p));
        }
        return out;
    }

    /** Opens the encoded stream of a file or byte source. */
    static InputStream openStream(ImageSource source) throws IOException {
        if (source instanceof File f) {
            return Files.newInputStream(f.path());
        }
        if (source instanceof Bytes b) {
            return b.open();
        }
        throw new IllegalArgumentException("not an encoded source: " + source.id());
    }
}
