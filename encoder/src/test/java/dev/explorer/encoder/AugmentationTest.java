package dev.explorer.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {

    private static Images.Decoded photo() {
        BufferedImage img = new BufferedImage(96, 80, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 96; x++) {
                img.setRGB(x, y, ((x * 2) << 16) | ((y * 3) << 8) | ((x + y) & 0xff));
            }
        }
        return Images.fromBuffered(img);
    }

    @Test
    void sameSeedSameViewsDifferentSeedDifferentViews() {
        Augmentation aug = new Augmentation(32);
        Images.Decoded d = photo();
        float[] a = new float[aug.floatsPerImage()];
        float[] b = new float[aug.floatsPerImage()];
        float[] c = new float[aug.floatsPerImage()];
        for (int view = 0; view < 2; view++) {
            aug.view(d, view, new SplittableRandom(42), a, 0);
            aug.view(d, view, new SplittableRandom(42), b, 0);
            aug.view(d, view, new SplittableRandom(43), c, 0);
            assertArrayEquals(a, b);
            assertFalse(Arrays.equals(a, c));
        }
    }

    @Test
    void loaderBatchesAreReproducibleWhateverTheThreadCount() throws Exception {
        Augmentation aug = new Augmentation(16);
        List<ImageSource> imgs = Synthetic.images(3, 3, 1, 40);
        int[] idx = {4, 0, 7, 2};
        try (BatchLoader one = new BatchLoader(imgs, aug, 1, 1 << 20);
                BatchLoader four = new BatchLoader(imgs, aug, 4, 0)) {
            BatchLoader.Batch x = one.trainBatch(idx, 5, 2);
            List<java.util.concurrent.Callable<BatchLoader.Batch>> task = List.of(() -> four.trainBatch(idx, 5, 2));
            BatchLoader.Batch y = four.prefetch(task).next();
            assertEquals(4, x.count());
            assertArrayEquals(x.view0(), y.view0());
            assertArrayEquals(x.view1(), y.view1());
            // another epoch gives other crops
            assertFalse(Arrays.equals(x.view0(), one.trainBatch(idx, 5, 3).view0()));
            // the two views of an image differ
            assertFalse(Arrays.equals(x.view0(), x.view1()));
        }
    }

    @Test
    void viewsStayInTheNormalisedColourRange() {
        Augmentation aug = new Augmentation(24);
        Images.Decoded d = photo();
        float[] out = new float[aug.floatsPerImage()];
        SplittableRandom rng = new SplittableRandom(1);
        float lo = Float.MAX_VALUE;
        float hi = -Float.MAX_VALUE;
        for (int i = 0; i < 50; i++) {
            aug.view(d, i % 2, rng, out, 0);
            for (float v : out) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        // (0 - 0.485) / 0.229 = -2.12 ... (1 - 0.406) / 0.225 = 2.64
        assertTrue(lo >= -2.12f - 1e-3f && hi <= 2.65f, lo + " .. " + hi);
        assertTrue(hi - lo > 3, "augmentations should span most of the range: " + lo + " .. " + hi);
    }

    @Test
    void centreViewOfAUniformImageIsItsColour() {
        BufferedImage img = new BufferedImage(50, 30, BufferedImage.TYPE_INT_ARGB);
        // fully transparent: composited on white
        Augmentation aug = new Augmentation(8);
        float[] out = new float[aug.floatsPerImage()];
        aug.center(Images.fromBuffered(img), out, 0);
        for (int c = 0; c < 3; c++) {
            float expected = (1f - Augmentation.MEAN[c]) / Augmentation.STD[c];
            assertEquals(expected, out[c * 64 + 17], 1e-4);
        }
    }

    @Test
    void hueShiftOfAFullTurnIsIdentityAndGrayIsUnchanged() {
        float[] r = {0.9f, 0.5f, 0.2f};
        float[] g = {0.1f, 0.5f, 0.7f};
        float[] b = {0.3f, 0.5f, 0.1f};
        float[] r0 = r.clone();
        float[] g0 = g.clone();
        float[] b0 = b.clone();
        Augmentation.hue(r, g, b, 0.5f);
        Augmentation.hue(r, g, b, 0.5f);
        assertArrayEquals(r0, r, 1e-5f);
        assertArrayEquals(g0, g, 1e-5f);
        assertArrayEquals(b0, b, 1e-5f);
        // a hue shift of a third of a turn maps red to green
        float[] rr = {1f};
        float[] gg = {0f};
        float[] bb = {0f};
        Augmentation.hue(rr, gg, bb, 1f / 3f);
        assertEquals(0f, rr[0], 1e-5f);
        assertEquals(1f, gg[0], 1e-5f);
    }
}
