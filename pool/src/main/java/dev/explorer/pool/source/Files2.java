package dev.explorer.pool.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** File listing helpers shared by the folder-based sources. */
final class Files2 {
    private Files2() {
    }

    /** Regular files (links followed) under {@code root} whose lower-case name ends with one of the extensions, sorted. */
    static List<Path> list(Path root, String... extensions) throws IOException {
        try (Stream<Path> s = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            return s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                for (String e : extensions) {
                    if (n.endsWith(e)) {
                        return Files.isRegularFile(p);
                    }
                }
                return false;
            }).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static String rel(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }
}
