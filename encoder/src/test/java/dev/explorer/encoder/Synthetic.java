package dev.explorer.encoder;

import dev.explorer.config.EncoderConfig;
import dev.explorer.config.TrainConfig;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small synthetic images and settings shared by the tests. */
final class Synthetic {

    private Synthetic() {}

    static final Color[] COLORS = {Color.RED, Color.BLUE, new Color(0, 160, 0), Color.ORANGE, Color.MAGENTA};

    /**
     * Image {@code i} of class {@code label}: a white canvas with a filled disc (even classes) or
     * square (odd) in the class colour, jittered in position and size.
     */
    static BufferedImage image(int label, long seed, int size) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        g.setColor(COLORS[label % COLORS.length]);
        int d = size / 2 + r.nextInt(size / 4);
        int x = r.nextInt(size - d + 1);
        int y = r.nextInt(size - d + 1);
        if (label % 2 == 0) {
            g.fillOval(x, y, d, d);
        } else {
            g.fillRect(x, y, d, d);
        }
        g.dispose();
        return img;
    }

    static List<ImageSource> images(int perClass, int classes, long seed, int size) {
        return images(perClass, classes, seed, size, null);
    }

    /**
     * Like {@link #images} but with per-pixel noise (+-48 in each channel) over the whole canvas,
     * so that no crop of any image is a flat colour. MemoryTest uses them: a batch of flat crops,
     * with near-zero BatchNorm variance, is the suspected cause of a NaN it once met.
     */
    static List<ImageSource> noisyImages(int perClass, int classes, long seed, int size) {
        return images(perClass, classes, seed, size, new Random(seed));
    }

    private static List<ImageSource> images(int perClass, int classes, long seed, int size, Random noise) {
        List<ImageSource> out = new ArrayList<>();
        for (int i = 0; i < perClass; i++) {
            for (int c = 0; c < classes; c++) {
                BufferedImage img = image(c, seed * 7919 + i * 31L + c, size);
                if (noise != null) {
                    for (int y = 0; y < size; y++) {
                        for (int x = 0; x < size; x++) {
                            int rgb = img.getRGB(x, y);
                            int d = noise.nextInt(97) - 48;
                            img.setRGB(x, y, (clamp((rgb >> 16 & 255) + d) << 16) | (clamp((rgb >> 8 & 255) + d) << 8)
                                    | clamp((rgb & 255) + d));
                        }
                    }
                }
                out.add(ImageSource.of("c" + c + "-" + i, img));
            }
        }
        return out;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    static EncoderConfig tinyEncoder() {
        return new EncoderConfig(EncoderConfig.Backbone.RESNET_SMALL, 16, EncoderConfig.Device.CPU, 1,
                EncoderConfig.EmbedFrom.BACKBONE, 32, 16, null);
    }

    static TrainConfig tinyTrain(int batch) {
        return new TrainConfig(1, batch, TrainConfig.Optimizer.ADAMW, 1e-3, TrainConfig.Schedule.CONSTANT, 0, 1e-4,
                0.99, 0.2, 2.0, 0.5, 1, 0);
    }
}
