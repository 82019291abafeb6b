package dev.explorer.config.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The one listing of image files in a folder: target folders, pretraining folders, pool sources. */
public final class ImageFiles {
    /** File endings taken as raster images (what ImageIO reads here, with the TwelveMonkeys plugins). */
    public static final List<String> RASTER = List.of(".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp");

    private ImageFiles() {}

    /** Every raster image file under {@code dir} ({@link #RASTER}); see {@link #list(Path, Collection)}. */
    public static List<Path> list(Path dir) throws IOException {
        return list(dir, RASTER);
    }

    /**
     * Regular files under {@code dir}, recursively and following links, whose lower-case name ends
     * with one of {@code endings}, sorted so the same folder always gives the same order.
     */
    public static List<Path> list(Path dir, Collection<String> endings) throws IOException {
        try (Stream<Path> s = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            return s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return endings.stream().anyMatch(n::endsWith) && Files.isRegularFile(p);
            }).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
