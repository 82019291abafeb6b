package dev.explorer.pool.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.pool.source.ImageRef;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ThumbnailerTest {
    /** A gradient stop with stop-color="none", as in Tux Paint's vacuum_cleaner.svg: Batik rejects the value and renders on. */
    static final String SVG = "<svg xmlns='http://www.w3.org/2000/svg' width='40' height='20'>"
            + "<defs><linearGradient id='g'><stop offset='0' stop-color='none'/><stop offset='1' stop-color='blue'/></linearGradient></defs>"
            + "<rect width='40' height='20' fill='red' stroke='url(#g)'/></svg>";

    @Test
    void anSvgWithARecoverableCssErrorRendersWithoutPrintingAStackTrace() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        BufferedImage img;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            img = new Thumbnailer(64, 4096L * 4096L).image(new ImageRef.SvgFile(Path.of("stop-none.svg")),
                    SVG.getBytes(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8), "nothing printed to stderr");
        assertEquals(40, img.getWidth(), "rendered at its own size (within the 64 px bound)");
        int rgb = img.getRGB(20, 10);
        assertTrue(((rgb >> 16) & 0xff) > 200 && (rgb & 0xff) < 60, "the red fill rendered: " + Integer.toHexString(rgb));
    }
}
