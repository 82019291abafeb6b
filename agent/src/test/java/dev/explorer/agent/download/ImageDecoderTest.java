package dev.explorer.agent.download;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Downloaded greyscale images keep their stored levels, also when they are shrunk. */
class ImageDecoderTest {

    private static byte[] greyPng(int w, int h, int level) throws IOException {
        BufferedImage grey = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        int[] px = new int[w * h];
        java.util.Arrays.fill(px, level);
        grey.getRaster().setPixels(0, 0, w, h, px);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(grey, "png", out);
        return out.toByteArray();
    }

    @Test
    void greyLevelsAreReadAsStored() throws Exception {
        ImageDecoder decoder = new ImageDecoder(1_000_000, 64);
        for (int level : new int[] {18, 104}) {
            DecodedImage small = decoder.decode(greyPng(28, 28, level));
            assertEquals(28, small.width());
            assertEquals((level << 16) | (level << 8) | level, small.rgb()[28 * 14 + 14], "28 px grey " + level);

            DecodedImage shrunk = decoder.decode(greyPng(200, 100, level)); // shrunk to 64 px: the drawing path
            assertEquals(64, shrunk.width());
            for (int p : shrunk.rgb()) {
                assertEquals(level, p & 0xff, "shrunk grey " + level);
                assertEquals(level, (p >> 16) & 0xff);
            }
        }
    }
}
