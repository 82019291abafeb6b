package dev.explorer.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    @Test
    void cropMinAreaBoundsTheCropsArea() {
        double[] mean = new double[2];
        double[] lo = {1, 1};
        double[] mins = {0.08, 0.6};
        for (int k = 0; k < 2; k++) {
            Augmentation aug = new Augmentation(32, mins[k]);
            SplittableRandom rng = new SplittableRandom(7);
            for (int i = 0; i < 2_000; i++) {
                int[] box = aug.cropBox(200, 200, rng);
                assertTrue(box[0] >= 0 && box[1] >= 0 && box[0] + box[2] <= 200 && box[1] + box[3] <= 200);
                double share = box[2] * (double) box[3] / (200 * 200);
                mean[k] += share / 2_000;
                lo[k] = Math.min(lo[k], share);
            }
        }
        // a crop keeps at least minArea (less the rounding of its sides); on average a little under
        // (1 + minArea) / 2, since large draws with a non-square aspect do not fit and are redrawn
        assertTrue(lo[0] > 0.08 * 0.97 && lo[0] < 0.1, "smallest crop at 0.08: " + lo[0]);
        assertTrue(lo[1] > 0.6 * 0.97, "smallest crop at 0.6: " + lo[1]);
        assertTrue(mean[0] > 0.42 && mean[0] < 0.54, "mean crop at 0.08: " + mean[0]);
        assertTrue(mean[1] > 0.72 && mean[1] < 0.8, "mean crop at 0.6: " + mean[1]);
        // the default is the paper's 0.2, and the draws are those of the one-argument constructor
        SplittableRandom a = new SplittableRandom(3);
        SplittableRandom b = new SplittableRandom(3);
        assertArrayEquals(new Augmentation(32).cropBox(90, 70, a), new Augmentation(32, 0.2).cropBox(90, 70, b));
        assertThrows(IllegalArgumentException.class, () -> new Augmentation(32, 0));
    }
}
