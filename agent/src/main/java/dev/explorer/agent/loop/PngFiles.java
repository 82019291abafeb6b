package dev.explorer.agent.loop;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/**
 * Content-addressed PNGs of the run directory (replay buffer, reward background): written once,
 * through a temp file and a rename so a crash never leaves half a file under the final name. No
 * fsync per image: a lost file is rewritten when its iteration is redone.
 */
final class PngFiles {
    private PngFiles() {}

    /** Writes {@code image} to {@code file} unless the file is already there. */
    static void writeOnce(BufferedImage image, Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        ImageIO.write(image, "png", tmp.toFile());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
