package dev.explorer.agent.download;

/**
 * A 64-bit difference hash (dHash): the image shrunk to 9x8 grey levels, one bit per horizontally
 * adjacent pair (is the left one brighter). Re-encodings, small resizes and recompression change
 * few bits; different images differ in about half of them.
 */
public final class PerceptualHash {
    private PerceptualHash() {}

    public static long dHash(DecodedImage img) {
        int w = img.width();
        int h = img.height();
        double[] grey = new double[9 * 8];
        // area average into a 9x8 grid
        double[] count = new double[9 * 8];
        for (int y = 0; y < h; y++) {
            int gy = Math.min(7, y * 8 / h);
            for (int x = 0; x < w; x++) {
                int gx = Math.min(8, x * 9 / w);
                int p = img.rgb()[y * w + x];
                double l = 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
                grey[gy * 9 + gx] += l;
                count[gy * 9 + gx]++;
            }
        }
        for (int i = 0; i < grey.length; i++) {
            grey[i] = count[i] > 0 ? grey[i] / count[i] : 0;
        }
        long hash = 0;
        int bit = 0;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                if (grey[y * 9 + x] > grey[y * 9 + x + 1]) {
                    hash |= 1L << bit;
                }
                bit++;
            }
        }
        return hash;
    }

    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }
}
