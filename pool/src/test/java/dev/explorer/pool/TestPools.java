package dev.explorer.pool;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** A user's pool in the img2dataset "files" layout, written by the tests. */
final class TestPools {
    private TestPools() {
    }

    static final List<String> SUBJECTS = List.of("brown dog", "black cat", "leather sandal", "rubber boot",
            "red apple", "green frog", "yellow banana", "blue car", "wooden chair", "white house", "tall tree",
            "small bird");

    /** Label written to every sidecar: ground truth that must never be indexed or served. */
    static String secret(int i) {
        return "zqxsecret" + (i % 3);
    }

    /**
     * Writes {@code count} distinct PNGs in {@code 00000/} with .txt captions and .json sidecars
     * (tags + a secret label), like img2dataset's output.
     */
    static void img2dataset(Path dir, int count) throws IOException {
        Path shard = dir.resolve("00000");
        Files.createDirectories(shard);
        for (int i = 0; i < count; i++) {
            String key = String.format("%09d", i);
            BufferedImage img = new BufferedImage(40 + i % 7, 30 + i % 5, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(Color.HSBtoRGB(i / (float) count, 0.8f, 0.9f)));
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setColor(Color.BLACK);
            g.drawLine(0, i % img.getHeight(), img.getWidth() - 1, (i * 7) % img.getHeight());
            g.dispose();
            ImageIO.write(img, "png", shard.resolve(key + ".png").toFile());
            String subject = SUBJECTS.get(i % SUBJECTS.size());
            Files.writeString(shard.resolve(key + ".txt"), "A photo of a " + subject + " number " + i,
                    StandardCharsets.UTF_8);
            Files.writeString(shard.resolve(key + ".json"), "{\"key\":\"" + key + "\",\"status\":\"success\","
                    + "\"tags\":[\"outdoor\",\"daylight\",\"photo\"],\"label\":\"" + secret(i) + "\"}",
                    StandardCharsets.UTF_8);
        }
    }
}
