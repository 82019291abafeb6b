package dev.explorer.encoder;

import java.util.SplittableRandom;

/**
 * MoCo-v3's two augmentation pipelines (Chen, Xie and He 2021, {@code main_moco.py}), written as
 * plain loops over float planes so that one pass does crop + resize + flip, and no image library
 * is involved:
 * <ul>
 *   <li>random resized crop, area {@code minArea}-1 of the image (the paper's 0.2 by default), aspect 3/4-4/3;
 *   <li>horizontal flip, p 0.5;
 *   <li>colour jitter brightness 0.4, contrast 0.4, saturation 0.2, hue 0.1 in random order, p 0.8;
 *   <li>grayscale, p 0.2;
 *   <li>Gaussian blur, sigma 0.1-2.0 at 224 px (scaled with the image size), p 1.0 on view 0 and
 *       0.1 on view 1;
 *   <li>solarize (invert values at or above 0.5), p 0 on view 0 and 0.2 on view 1;
 *   <li>ImageNet mean/std normalisation, CHW layout.
 * </ul>
 * Every random draw comes from the {@link SplittableRandom} the caller passes, so a view is a pure
 * function of (image, seed): loaders can run on any number of threads and stay reproducible.
 * Instances are stateless and thread-safe.
 */
public final class Augmentation {

    static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    static final float[] STD = {0.229f, 0.224f, 0.225f};
    static final double MIN_AREA = 0.2;

    private final int size;
    private final double minArea;

    public Augmentation(int size) {
        this(size, MIN_AREA);
    }

    /** @param minArea smallest share of the image's area a crop keeps, in (0, 1] */
    public Augmentation(int size, double minArea) {
        if (size < 4) {
            throw new IllegalArgumentException("image size must be at least 4, got " + size);
        }
        if (!(minArea > 0 && minArea <= 1)) {
            throw new IllegalArgumentException("crop min area must be in (0, 1], got " + minArea);
        }
        this.size = size;
        this.minArea = minArea;
    }

    public int size() {
        return size;
    }

    /** Floats one image occupies in a batch (3 x size x size). */
    public int floatsPerImage() {
        return 3 * size * size;
    }

    /**
     * Writes augmented view {@code view} (0 or 1) of {@code img} into {@code out} at {@code offset}.
     */
    public void view(Images.Decoded img, int view, SplittableRandom rng, float[] out, int offset) {
        int n = size * size;
        float[] r = new float[n];
        float[] g = new float[n];
        float[] b = new float[n];
        int[] box = cropBox(img.width(), img.height(), rng);
        boolean flip = rng.nextDouble() < 0.5;
        resample(img, box[0], box[1], box[2], box[3], flip, r, g, b);

        if (rng.nextDouble() < 0.8) {
            double bf = rng.nextDouble(0.6, 1.4);
            double cf = rng.nextDouble(0.6, 1.4);
            double sf = rng.nextDouble(0.8, 1.2);
            double hf = rng.nextDouble(-0.1, 0.1);
            int[] order = {0, 1, 2, 3};
            for (int i = 3; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int op : order) {
                switch (op) {
                    case 0 -> brightness(r, g, b, (float) bf);
                    case 1 -> contrast(r, g, b, (float) cf);
                    case 2 -> saturation(r, g, b, (float) sf);
                    default -> hue(r, g, b, (float) hf);
                }
            }
        }
        if (rng.nextDouble() < 0.2) {
            grayscale(r, g, b);
        }
        double blurP = view == 0 ? 1.0 : 0.1;
        if (rng.nextDouble() < blurP) {
            double sigma = rng.nextDouble(0.1, 2.0) * size / 224.0;
            blur(r, sigma);
            blur(g, sigma);
            blur(b, sigma);
        }
        double solarizeP = view == 0 ? 0.0 : 0.2;
        if (rng.nextDouble() < solarizeP) {
            solarize(r);
            solarize(g);
            solarize(b);
        }
        normalise(r, g, b, out, offset);
    }

    /** The evaluation view: the central square, resized to size x size, normalised. */
    public void center(Images.Decoded img, float[] out, int offset) {
        int n = size * size;
        float[] r = new float[n];
        float[] g = new float[n];
        float[] b = new float[n];
        int side = Math.min(img.width(), img.height());
        resample(img, (img.width() - side) / 2, (img.height() - side) / 2, side, side, false, r, g, b);
        normalise(r, g, b, out, offset);
    }

    /**
     * Bilinear resampling of a crop (half-pixel centres, like align_corners=false) with k x k
     * supersampling when shrinking by more than 1.5x, so small outputs do not alias.
     */
    private void resample(Images.Decoded img, int cx, int cy, int cw, int ch, boolean flip,
            float[] r, float[] g, float[] b) {
        int W = img.width();
        int H = img.height();
        int[] px = img.rgb();
        double sx = (double) cw / size;
        double sy = (double) ch / size;
        int k = (int) Math.min(4, Math.ceil(Math.max(sx, sy) / 1.5));
        k = Math.max(1, k);
        float inv = 1f / (k * k * 255f);
        for (int oy = 0; oy < size; oy++) {
            for (int ox = 0; ox < size; ox++) {
                int tx = flip ? size - 1 - ox : ox;
                float ar = 0;
                float ag = 0;
                float ab = 0;
                for (int sj = 0; sj < k; sj++) {
                    double fy = cy + (oy + (sj + 0.5) / k) * sy - 0.5;
                    if (fy < 0) {
                        fy = 0;
                    }
                    int y0 = (int) fy;
                    if (y0 > H - 1) {
                        y0 = H - 1;
                    }
                    int y1 = Math.min(y0 + 1, H - 1);
                    float wy = (float) (fy - y0);
                    if (wy > 1) {
                        wy = 1;
                    }
                    for (int si = 0; si < k; si++) {
                        double fx = cx + (tx + (si + 0.5) / k) * sx - 0.5;
                        if (fx < 0) {
                            fx = 0;
                        }
                        int x0 = (int) fx;
                        if (x0 > W - 1) {
                            x0 = W - 1;
                        }
                        int x1 = Math.min(x0 + 1, W - 1);
                        float wx = (float) (fx - x0);
                        if (wx > 1) {
                            wx = 1;
                        }
                        int p00 = px[y0 * W + x0];
                        int p01 = px[y0 * W + x1];
                        int p10 = px[y1 * W + x0];
                        int p11 = px[y1 * W + x1];
                        float w00 = (1 - wx) * (1 - wy);
                        float w01 = wx * (1 - wy);
                        float w10 = (1 - wx) * wy;
                        float w11 = wx * wy;
                        ar += w00 * ((p00 >> 16) & 0xff) + w01 * ((p01 >> 16) & 0xff)
                                + w10 * ((p10 >> 16) & 0xff) + w11 * ((p11 >> 16) & 0xff);
                        ag += w00 * ((p00 >> 8) & 0xff) + w01 * ((p01 >> 8) & 0xff)
                                + w10 * ((p10 >> 8) & 0xff) + w11 * ((p11 >> 8) & 0xff);
                        ab += w00 * (p00 & 0xff) + w01 * (p01 & 0xff) + w10 * (p10 & 0xff) + w11 * (p11 & 0xff);
                    }
                }
                int o = oy * size + ox;
                r[o] = ar * inv;
                g[o] = ag * inv;
                b[o] = ab * inv;
            }
        }
    }

    private static float clamp(float v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }

    static void brightness(float[] r, float[] g, float[] b, float f) {
        for (int i = 0; i < r.length; i++) {
            r[i] = clamp(r[i] * f);
            g[i] = clamp(g[i] * f);
            b[i] = clamp(b[i] * f);
        }
    }

    static void contrast(float[] r, float[] g, float[] b, float f) {
        double sum = 0;
        for (int i = 0; i < r.length; i++) {
            sum += 0.299f * r[i] + 0.587f * g[i] + 0.114f * b[i];
        }
        float mean = (float) (sum / r.length) * (1 - f);
        for (int i = 0; i < r.length; i++) {
            r[i] = clamp(r[i] * f + mean);
            g[i] = clamp(g[i] * f + mean);
            b[i] = clamp(b[i] * f + mean);
        }
    }

    static void saturation(float[] r, float[] g, float[] b, float f) {
        for (int i = 0; i < r.length; i++) {
            float gray = (0.299f * r[i] + 0.587f * g[i] + 0.114f * b[i]) * (1 - f);
            r[i] = clamp(r[i] * f + gray);
            g[i] = clamp(g[i] * f + gray);
            b[i] = clamp(b[i] * f + gray);
        }
    }

    /** Hue rotation by {@code shift} turns, through HSV like torchvision's adjust_hue. */
    static void hue(float[] r, float[] g, float[] b, float shift) {
        for (int i = 0; i < r.length; i++) {
            float rr = r[i];
            float gg = g[i];
            float bb = b[i];
            float max = Math.max(rr, Math.max(gg, bb));
            float min = Math.min(rr, Math.min(gg, bb));
            float delta = max - min;
            if (delta <= 0) {
                continue; // grey: hue undefined, unchanged
            }
            float h;
            if (max == rr) {
                h = (gg - bb) / delta;
            } else if (max == gg) {
                h = 2f + (bb - rr) / delta;
            } else {
                h = 4f + (rr - gg) / delta;
            }
            h = h / 6f + shift;
            h -= (float) Math.floor(h);
            float s = delta / max;
            float v = max;
            float h6 = h * 6f;
            int sector = (int) h6;
            if (sector > 5) {
                sector = 5;
            }
            float f = h6 - sector;
            float p = v * (1 - s);
            float q = v * (1 - s * f);
            float t = v * (1 - s * (1 - f));
            switch (sector) {
                case 0 -> { r[i] = v; g[i] = t; b[i] = p; }
                case 1 -> { r[i] = q; g[i] = v; b[i] = p; }
                case 2 -> { r[i] = p; g[i] = v; b[i] = t; }
                case 3 -> { r[i] = p; g[i] = q; b[i] = v; }
                case 4 -> { r[i] = t; g[i] = p; b[i] = v; }
                default -> { r[i] = v; g[i] = p; b[i] = q; }
            }
        }
    }

    static void grayscale(float[] r, float[] g, float[] b) {
        for (int i = 0; i < r.length; i++) {
            float gray = 0.299f * r[i] + 0.587f * g[i] + 0.114f * b[i];
            r[i] = gray;
            g[i] = gray;
            b[i] = gray;
        }
    }

    static void solarize(float[] c) {
        for (int i = 0; i < c.length; i++) {
            if (c[i] >= 0.5f) {
                c[i] = 1f - c[i];
            }
        }
    }

    /** Separable Gaussian blur with reflected borders. */
    void blur(float[] c, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        if (radius < 1) {
            return;
        }
        radius = Math.min(radius, size - 1);
        float[] kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            double v = Math.exp(-(i * i) / (2 * sigma * sigma));
            kernel[i + radius] = (float) v;
            sum += v;
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= (float) sum;
        }
        float[] tmp = new float[c.length];
        for (int y = 0; y < size; y++) {
            int row = y * size;
            for (int x = 0; x < size; x++) {
                float acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    acc += kernel[k + radius] * c[row + reflect(x + k)];
                }
                tmp[row + x] = acc;
            }
        }
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    acc += kernel[k + radius] * tmp[reflect(y + k) * size + x];
                }
                c[y * size + x] = acc;
            }
        }
    }

    private int reflect(int i) {
        if (i < 0) {
            return -i;
        }
        if (i >= size) {
            return 2 * size - 2 - i;
        }
        return i;
    }

    private void normalise(float[] r, float[] g, float[] b, float[] out, int offset) {
        int n = size * size;
        float mr = MEAN[0];
        float mg = MEAN[1];
        float mb = MEAN[2];
        float ir = 1f / STD[0];
        float ig = 1f / STD[1];
        float ib = 1f / STD[2];
        for (int i = 0; i < n; i++) {
            out[offset + i] = (r[i] - mr) * ir;
            out[offset + n + i] = (g[i] - mg) * ig;
            out[offset + 2 * n + i] = (b[i] - mb) * ib;
        }
    }

    /**
     * Random resized crop, torchvision's algorithm: up to 10 draws of an area in [minArea, 1] of
     * the image and an aspect in [3/4, 4/3], the first that fits wins; otherwise a centre crop.
     *
     * @return {x, y, width, height} of the crop
     */
    int[] cropBox(int W, int H, SplittableRandom rng) {
        double area = (double) W * H;
        int cw = -1;
        int ch = -1;
        int cx = 0;
        int cy = 0;
        double logLo = Math.log(3.0 / 4.0);
        double logHi = Math.log(4.0 / 3.0);
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = minArea < 1 ? area * rng.nextDouble(minArea, 1.0) : area;
            double aspect = Math.exp(rng.nextDouble(logLo, logHi));
            int w = (int) Math.round(Math.sqrt(target * aspect));
            int h = (int) Math.round(Math.sqrt(target / aspect));
            if (w > 0 && h > 0 && w <= W && h <= H) {
                cw = w;
                ch = h;
                cy = rng.nextInt(H - h + 1);
                cx = rng.nextInt(W - w + 1);
                break;
            }
        }
        if (cw < 0) {
            double ratio = (double) W / H;
            if (ratio < 3.0 / 4.0) {
                cw = W;
                ch = Math.min(H, (int) Math.round(cw / (3.0 / 4.0)));
            } else if (ratio > 4.0 / 3.0) {
                ch = H;
                cw = Math.min(W, (int) Math.round(ch * (4.0 / 3.0)));
            } else {
                cw = W;
                ch = H;
            }
            cy = (H - ch) / 2;
            cx = (W - cw) / 2;
        }
        return new int[] {cx, cy, cw, ch};
    }
}
