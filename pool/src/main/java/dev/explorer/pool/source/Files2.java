package dev.explorer.pool.source;

import java.nio.file.Path;

/** Path helpers shared by the folder-based sources (the listing itself is {@code config.common.ImageFiles}). */
final class Files2 {
    private Files2() {
    }

    static String rel(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }
}
