package dev.explorer.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.explorer.config.ConfigException;
import dev.explorer.config.EncoderConfig;
import dev.explorer.config.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir
    Path dir;

    private static List<float[]> all(Encoder e) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : e.model().query.getParameters()) {
            out.add(p.getValue().getArray().toFloatArray());
        }
        for (Pair<String, Parameter> p : e.model().momentum.getParameters()) {
            out.add(p.getValue().getArray().toFloatArray());
        }
        for (List<NDArray> buffers : e.optimizer().state) {
            for (NDArray a : buffers) {
                out.add(a.toFloatArray());
            }
        }
        return out;
    }

    @Test
    void roundTripIsBitExactAndTrainingContinuesIdentically() throws Exception {
        List<ImageSource> imgs = Synthetic.images(2, 4, 9, 24);
        Path ckpt = dir.resolve("enc.ckpt");
        TrainConfig tc = Synthetic.tinyTrain(8);
        try (Encoder a = Encoder.create(Synthetic.tinyEncoder(), tc, 11)) {
            a.train(imgs, 2);
            a.save(ckpt);
            try (Encoder b = Encoder.load(ckpt, Synthetic.tinyEncoder(), tc, 99)) {
                List<float[]> pa = all(a);
                List<float[]> pb = all(b);
                assertEquals(pa.size(), pb.size());
                for (int i = 0; i < pa.size(); i++) {
                    assertArrayEquals(pa.get(i), pb.get(i), "array " + i);
                }
                assertEquals(a.optimizerSteps(), b.optimizerSteps());
                assertEquals(2, b.epochsDone());
                float[][] za = a.embed(imgs);
                float[][] zb = b.embed(imgs);
                for (int i = 0; i < za.length; i++) {
                    assertArrayEquals(za[i], zb[i]);
                }
            }
        }
        // no temporary file is left beside the checkpoint
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(ckpt), s.toList());
        }
    }

    @Test
    void anotherArchitectureIsRefusedWithAClearMessage() throws Exception {
        Path ckpt = dir.resolve("small.ckpt");
        TrainConfig tc = Synthetic.tinyTrain(8);
        try (Encoder a = Encoder.create(Synthetic.tinyEncoder(), tc, 1)) {
            a.save(ckpt);
        }
        EncoderConfig wider = new EncoderConfig(EncoderConfig.Backbone.RESNET_SMALL, 16, EncoderConfig.Device.CPU, 1,
                EncoderConfig.EmbedFrom.BACKBONE, 48, 16, null);
        ConfigException e = assertThrows(ConfigException.class, () -> Encoder.load(ckpt, wider, tc, 1));
        assertTrue(e.getMessage().contains("hiddenDim=32") && e.getMessage().contains("hiddenDim=48"), e.getMessage());
        assertTrue(e.getMessage().contains("encoder.backbone"), e.getMessage());
        Path junk = dir.resolve("junk.ckpt");
        Files.writeString(junk, "not a checkpoint");
        ConfigException j = assertThrows(ConfigException.class,
                () -> Encoder.load(junk, Synthetic.tinyEncoder(), tc, 1));
        assertTrue(j.getMessage().contains("not an Explorer encoder checkpoint"), j.getMessage());
        assertEquals("moco-v3 backbone=resnet-small imageSize=16 hiddenDim=32 projectionDim=16",
                CheckpointFile.readArchitecture(ckpt));
    }

    @Test
    void initFromACheckpointTakesItsWeightsButTrainsAfresh() throws Exception {
        List<ImageSource> imgs = Synthetic.images(2, 4, 9, 24);
        Path ckpt = dir.resolve("pretrained.ckpt");
        TrainConfig tc = Synthetic.tinyTrain(8);
        EncoderConfig base = Synthetic.tinyEncoder();
        float[][] pretrained;
        try (Encoder a = Encoder.create(base, tc, 11)) {
            a.train(imgs, 3);
            a.save(ckpt);
            pretrained = a.embed(imgs);
        }
        EncoderConfig fromCkpt = new EncoderConfig(base.backbone(), base.imageSize(), base.device(), base.threads(),
                base.embedFrom(), base.hiddenDim(), base.projectionDim(), ckpt);
        assertTrue(CheckpointFile.isCheckpoint(ckpt));
        try (Encoder b = Encoder.create(fromCkpt, tc, 5); Encoder fresh = Encoder.create(base, tc, 5)) {
            float[][] zb = b.embed(imgs);
            float[][] zf = fresh.embed(imgs);
            for (int i = 0; i < zb.length; i++) {
                assertArrayEquals(pretrained[i], zb[i], "image " + i);
            }
            assertTrue(Math.abs(zf[0][0] - zb[0][0]) > 1e-6 || Math.abs(zf[1][1] - zb[1][1]) > 1e-6,
                    "a fresh encoder differs from the pretrained one");
            assertEquals(0, b.optimizerSteps());
            assertEquals(0, b.epochsDone());
            assertEquals(fresh.architecture(), b.architecture(), "a run started from it checkpoints the same architecture");
            // its optimiser starts from zero moments, not the checkpoint's
            for (List<NDArray> buffers : b.optimizer().state) {
                for (NDArray a : buffers) {
                    assertEquals(0f, a.abs().max().getFloat());
                }
            }
        }
        EncoderConfig wider = new EncoderConfig(base.backbone(), base.imageSize(), base.device(), base.threads(),
                base.embedFrom(), 48, base.projectionDim(), ckpt);
        ConfigException e = assertThrows(ConfigException.class, () -> Encoder.create(wider, tc, 1));
        assertTrue(e.getMessage().contains("hiddenDim=32") && e.getMessage().contains("hiddenDim=48"), e.getMessage());
    }
}
