package dev.explorer.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.explorer.config.EncoderConfig;
import dev.explorer.config.TrainConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncoderTest {

    @Test
    void shapesAndLossOnATinyBatch() {
        EncoderConfig ec = new EncoderConfig(EncoderConfig.Backbone.RESNET_SMALL, 32, EncoderConfig.Device.CPU, 1,
                EncoderConfig.EmbedFrom.BACKBONE, 64, 24, null);
        try (Encoder enc = Encoder.create(ec, Synthetic.tinyTrain(4), 1)) {
            MoCoV3 m = enc.model();
            try (NDManager sm = enc.manager().newSubManager()) {
                NDArray x = sm.randomNormal(new Shape(4, 3, 32, 32));
                NDArray h = m.features(enc.store(), x, false);
                assertEquals(new Shape(4, 256), h.getShape());
                assertEquals(new Shape(4, 24), m.features(enc.store(), x, true).getShape());
                NDArray k = m.keys(enc.store(), x);
                assertEquals(new Shape(4, 24), k.getShape());
                NDArray q = m.predictions(enc.store(), x);
                assertEquals(new Shape(4, 24), q.getShape());
                // identical random vectors for q and k: InfoNCE with T is bounded by 2T*ln(N)-ish
                float loss = m.loss(enc.store(), x, x, k, k, 0.2).getFloat();
                assertTrue(loss > 0 && loss < 2 * 2 * 0.2 * Math.log(4) * 10, "loss " + loss);
            }
            List<ImageSource> imgs = Synthetic.images(3, 2, 1, 40);
            float[][] z = enc.embed(imgs);
            assertEquals(6, z.length);
            for (float[] row : z) {
                assertEquals(256, row.length);
                double norm = 0;
                for (float v : row) {
                    norm += v * v;
                }
                assertEquals(1.0, norm, 1e-4);
            }
        }
    }

    @Test
    void contrastiveLossMatchesTheFormula() {
        try (Encoder enc = Encoder.create(Synthetic.tinyEncoder(), Synthetic.tinyTrain(4), 1);
                NDManager sm = enc.manager().newSubManager()) {
            float[][] q = {{1, 0}, {0, 1}, {1, 1}};
            float[][] k = {{1, 0}, {1, 1}, {0, 1}};
            double t = 0.5;
            double expected = 0;
            for (int i = 0; i < 3; i++) {
                double[] logits = new double[3];
                double max = -1e9;
                for (int j = 0; j < 3; j++) {
                    logits[j] = cos(q[i], k[j]) / t;
                    max = Math.max(max, logits[j]);
                }
                double z = 0;
                for (double l : logits) {
                    z += Math.exp(l - max);
                }
                expected += -(logits[i] - max - Math.log(z));
            }
            expected = expected / 3 * 2 * t;
            float got = MoCoV3.contrastive(sm.create(q), sm.create(k), t).getFloat();
            assertEquals(expected, got, 1e-5);
        }
    }

    private static double cos(float[] a, float[] b) {
        double d = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return d / Math.sqrt(na * nb);
    }

    @Test
    void emaUpdateMath() {
        TrainConfig tc = Synthetic.tinyTrain(4);
        try (Encoder enc = Encoder.create(Synthetic.tinyEncoder(), tc, 3)) {
            MoCoV3 m = enc.model();
            // after construction the key encoder equals the query encoder
            var qp = m.f.getParameters().valueAt(0).getArray();
            var kp = m.fM.getParameters().valueAt(0).getArray();
            assertArrayEquals(qp.toFloatArray(), kp.toFloatArray());
            // move the query weights, then one EMA step: k' = m k + (1 - m) q
            float[] k0 = kp.toFloatArray();
            qp.addi(1.0f);
            float[] q1 = qp.toFloatArray();
            m.updateMomentum(0.9);
            float[] k1 = kp.toFloatArray();
            for (int i = 0; i < k0.length; i++) {
                assertEquals(0.9 * k0[i] + 0.1 * q1[i], k1[i], 1e-5);
            }
            // m = 1 leaves the keys alone; m = 0 copies the query
            m.updateMomentum(1.0);
            assertArrayEquals(k1, kp.toFloatArray());
            m.updateMomentum(0.0);
            assertArrayEquals(q1, kp.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void lossDecreasesOnAFixedSmallSet() {
        List<ImageSource> imgs = Synthetic.images(4, 4, 5, 32);
        TrainConfig tc = new TrainConfig(1, 16, TrainConfig.Optimizer.ADAMW, 5e-3, TrainConfig.Schedule.CONSTANT, 0,
                1e-4, 0.9, 0.2, 2.0, 0.5, 1, 0);
        try (Encoder enc = Encoder.create(Synthetic.tinyEncoder(), tc, 5)) {
            TrainStats first = enc.train(imgs, 5);
            TrainStats later = null;
            for (int i = 0; i < 5; i++) {
                later = enc.train(imgs, 10);
            }
            assertEquals(5, first.steps());
            assertTrue(later.meanLoss() < first.meanLoss() * 0.85,
                    "loss " + first.meanLoss() + " -> " + later.meanLoss());
            assertEquals(55, enc.optimizerSteps());
            assertEquals(55, enc.epochsDone());
        }
    }

    @Test
    void cosineOverLifeSpansTrainingCallsAndStepsPerEpochMatchesTrain() {
        List<ImageSource> imgs = Synthetic.images(3, 3, 3, 32); // 9 images
        TrainConfig tc = new TrainConfig(1, 4, TrainConfig.Optimizer.ADAMW, 1e-3, TrainConfig.Schedule.COSINE, 0,
                1e-4, 0.99, 0.2, 2.0, 0.5, 1, 0);
        try (Encoder enc = Encoder.create(Synthetic.tinyEncoder(), tc, 5)) {
            // 9 images in batches of 4: 4 + 4, the last one is under half a batch and dropped
            assertEquals(2, enc.stepsPerEpoch(9));
            assertEquals(3, enc.stepsPerEpoch(10)); // 2 left: half a batch, kept
            assertEquals(3, enc.stepsPerEpoch(11)); // 3 left: at least half a batch, kept
            assertEquals(1, enc.stepsPerEpoch(3)); // the only batch is kept
            assertEquals(0, enc.stepsPerEpoch(1));
            // per call (no horizon): every call starts the cosine at the full rate
            assertEquals(1e-3, enc.learningRate(0, 2), 1e-12);
            assertEquals(0.5e-3, enc.learningRate(1, 2), 1e-12);
            enc.cosineOverLife(4 * enc.stepsPerEpoch(imgs.size()));
            assertEquals(1e-3, enc.learningRate(0, 2), 1e-12);
            TrainStats s = enc.train(imgs, 1);
            assertEquals(2, s.steps());
            // after 2 of 8 life steps the curve is a quarter down, whatever the call's own position
            assertEquals(1e-3 * 0.5 * (1 + Math.cos(Math.PI / 4)), enc.learningRate(0, 2), 1e-12);
            enc.train(imgs, 3);
            assertEquals(8, enc.optimizerSteps());
            assertEquals(0, enc.learningRate(0, 2), 1e-12); // past the horizon the rate stays at 0
            assertThrows(IllegalArgumentException.class, () -> enc.cosineOverLife(-1));
        }
    }
}
