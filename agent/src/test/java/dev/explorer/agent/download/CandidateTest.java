package dev.explorer.agent.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.explorer.encoder.ImageSource;
import dev.explorer.encoder.Images;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** What a candidate keeps: its decoded pixels once, 3 bytes each, shared by its encoder input; no file bytes. */
class CandidateTest {
    static final int[] RGB = {0xFF0000, 0x00FF00, 0x0000FF, 0x123456, 0xFFFFFF, 0x000000};

    @Test
    void keepsThreeBytesAPixelAndGivesThemBackExactly() {
        Candidate c = Candidate.of("http://x/a.png", "ab", 7L, 1234, "png", new DecodedImage(3, 2, RGB.clone(), 30, 20));
        assertEquals(18, c.bgr().length);
        assertEquals(1234, c.byteCount());
        DecodedImage back = c.image();
        assertArrayEquals(RGB, back.rgb());
        assertEquals(3, back.width());
        assertEquals(2, back.height());
        assertEquals(30, back.originalWidth());
        assertEquals(20, back.originalHeight());
    }

    @Test
    void theEncoderInputSharesThePixelsAndReadsTheSameColours() throws Exception {
        Candidate c = Candidate.of("http://x/a.png", "ab", 0L, 10, "png", new DecodedImage(3, 2, RGB.clone(), 3, 2));
        BufferedImage img = c.toBufferedImage();
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, img.getType());
        assertSame(c.bgr(), ((DataBufferByte) img.getRaster().getDataBuffer()).getData()); // no copy
        // what the encoder reads
        ImageSource source = c.source();
        assertArrayEquals(RGB, Images.decode(source, 1).rgb());
        // the replay buffer writes it as PNG: the same pixels come back
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        int[] px = read.getRGB(0, 0, 3, 2, null, 0, 3);
        for (int i = 0; i < px.length; i++) {
            px[i] &= 0xFFFFFF;
        }
        assertArrayEquals(RGB, px);
    }
}
