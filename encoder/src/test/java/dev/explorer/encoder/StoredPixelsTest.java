package dev.explorer.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pixels reach the encoder as stored in the file. getRGB would read a greyscale PNG's levels as
 * linear light and brighten them (18 -> 75, 104 -> 171): Fashion-MNIST would be distorted.
 */
class StoredPixelsTest {

    @TempDir
    Path dir;

    @Test
    void eightBitGreyPngKeepsItsStoredLevels() throws IOException {
        int[] levels = {0, 18, 104, 200, 255};
        BufferedImage grey = new BufferedImage(levels.length, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setPixels(0, 0, levels.length, 1, levels);
        Path png = dir.resolve("grey.png");
        ImageIO.write(grey, "png", png.toFile());

        Images.Decoded d = Images.decode(new ImageSource.File(png), 1);
        for (int i = 0; i < levels.length; i++) {
            int v = levels[i];
            assertEquals((v << 16) | (v << 8) | v, d.rgb()[i], "level " + v + " at " + i);
        }
        // what the bug did: getRGB brightens the stored 18 to 75
        assertEquals(75, grey.getRGB(1, 0) & 0xff);
    }

    @Test
    void sixteenBitGreyIsScaledToEightBitsWithoutBrightening() throws IOException {
        int[] levels = {0, 18 * 257, 104 * 257, 65535};
        BufferedImage grey = new BufferedImage(levels.length, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey.getRaster().setPixels(0, 0, levels.length, 1, levels);
        Path png = dir.resolve("grey16.png");
        ImageIO.write(grey, "png", png.toFile());

        Images.Decoded d = Images.decode(new ImageSource.File(png), 1);
        int[] want = {0, 18, 104, 255};
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], d.rgb()[i] & 0xff, "16-bit level " + levels[i]);
            assertEquals(want[i], (d.rgb()[i] >> 16) & 0xff);
        }
    }

    @Test
    void paletteAndRgbImagesKeepTheirColours() throws IOException {
        byte[] r = {(byte) 18, (byte) 200};
        byte[] g = {(byte) 104, (byte) 10};
        byte[] b = {(byte) 30, (byte) 250};
        BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY, new IndexColorModel(1, 2, r, g, b));
        indexed.getRaster().setPixels(0, 0, 2, 1, new int[] {0, 1});
        Path png = dir.resolve("palette.png");
        ImageIO.write(indexed, "png", png.toFile());
        Images.Decoded d = Images.decode(new ImageSource.File(png), 1);
        assertEquals(0x12681E, d.rgb()[0]);
        assertEquals(0xC80AFA, d.rgb()[1]);

        BufferedImage rgb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0x12681E);
        assertEquals(0x12681E, Images.fromBuffered(rgb).rgb()[0]);
    }

    @Test
    void transparentGreyIsCompositedOnWhiteFromItsStoredLevel() {
        // a 50%-transparent stored 0 over white gives 128, not the brightened level's blend
        BufferedImage argb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x80000000);
        assertEquals(0x7F7F7F, Images.fromBuffered(argb).rgb()[0]);
    }
}
