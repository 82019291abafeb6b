package dev.explorer.config.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
    @TempDir
    Path tmp;

    @Test
    void listsImageFilesRecursivelySortedByEndingInAnyCaseFollowingLinks() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("t"));
        Files.createDirectories(dir.resolve("b"));
        for (String f : List.of("b/2.JPG", "a.png", "notes.txt", "c.svg", "b/1.webp", "d.jpeg.txt")) {
            Files.writeString(dir.resolve(f), "x");
        }
        Files.createDirectories(dir.resolve("folder.png")); // a directory named like an image is not one
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("z.gif"), "x");
        Files.createSymbolicLink(dir.resolve("linked"), outside);

        assertEquals(List.of(dir.resolve("a.png"), dir.resolve("b/1.webp"), dir.resolve("b/2.JPG"),
                dir.resolve("linked/z.gif")), ImageFiles.list(dir));
        assertEquals(List.of(dir.resolve("a.png"), dir.resolve("c.svg")), ImageFiles.list(dir, List.of(".png", ".svg")));
    }
}
