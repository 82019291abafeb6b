package dev.explorer.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.explorer.config.EncoderConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting the backbone from a user's TorchScript file (made by src/test/python/make_tiny_backbone.py). */
class TorchScriptInitTest {

    @TempDir
    Path dir;

    private static List<float[]> backboneWeights(Encoder e) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : e.model().f.getParameters()) {
            out.add(p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    @Test
    void trainsEmbedsAndCheckpointsATorchScriptBackbone() throws Exception {
        Path pt = dir.resolve("tiny-backbone.pt");
        try (InputStream in = getClass().getResourceAsStream("tiny-backbone.pt")) {
            Files.copy(in, pt);
        }
        EncoderConfig ec = new EncoderConfig(EncoderConfig.Backbone.RESNET_SMALL, 16, EncoderConfig.Device.CPU, 1,
                EncoderConfig.EmbedFrom.BACKBONE, 32, 16, pt);
        List<ImageSource> imgs = Synthetic.images(2, 4, 2, 24);
        Path ckpt = dir.resolve("ts.ckpt");
        try (Encoder enc = Encoder.create(ec, Synthetic.tinyTrain(8), 1)) {
            assertTrue(enc.architecture().contains("backbone=torchscript:"), enc.architecture());
            assertEquals(12, enc.embeddingDim());
            assertFalse(enc.model().f.getParameters().isEmpty(), "TorchScript parameters are visible to DJL");
            List<float[]> before = backboneWeights(enc);
            enc.train(imgs, 3);
            List<float[]> after = backboneWeights(enc);
            boolean changed = false;
            for (int i = 0; i < before.size(); i++) {
                changed |= !Arrays.equals(before.get(i), after.get(i));
            }
            assertTrue(changed, "trainParam=true: the TorchScript backbone's weights must be trained");
            float[][] z = enc.embed(imgs);
            assertEquals(12, z[0].length);
            enc.save(ckpt);
            try (Encoder back = Encoder.load(ckpt, ec, Synthetic.tinyTrain(8), 1)) {
                float[][] z2 = back.embed(imgs);
                for (int i = 0; i < z.length; i++) {
                    assertArrayEquals(z[i], z2[i]);
                }
            }
        }
    }
}
