package dev.explorer.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import dev.explorer.config.EncoderConfig;
import dev.explorer.config.TrainConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A diverged run stops with a message that says where the non-finite values are and what to
 * change; a single non-finite gradient is skipped without touching the weights.
 */
class DivergenceTest {

    private static final EncoderConfig EC = new EncoderConfig(EncoderConfig.Backbone.RESNET_SMALL, 16,
            EncoderConfig.Device.CPU, 1, EncoderConfig.EmbedFrom.BACKBONE, 16, 8, null);

    private static TrainConfig lars() {
        return new TrainConfig(1, 4, TrainConfig.Optimizer.LARS, 1e-2, TrainConfig.Schedule.CONSTANT, 0, 1e-4,
                0.99, 0.2, 2.0, 0.5, 1, 0);
    }

    @Test
    void aDivergedStepNamesTheFirstNonFiniteWeight() {
        // an absurd learning rate (beyond what the settings accept) pushes AdamW's first update past float's range
        TrainConfig tc = new TrainConfig(1, 4, TrainConfig.Optimizer.ADAMW, 1e39, TrainConfig.Schedule.CONSTANT, 0, 0,
                0.99, 0.2, 2.0, 0.5, 1, 0);
        List<ImageSource> imgs = Synthetic.images(2, 2, 3, 24);
        try (Encoder enc = Encoder.create(EC, tc, 2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> enc.train(imgs, 10));
            assertTrue(e.getMessage().startsWith("training diverged: loss is NaN at optimiser step 2"), e.getMessage());
            assertTrue(e.getMessage().contains("first non-finite weight: "), e.getMessage());
            assertTrue(e.getMessage().contains("lower train.lr (now 1.0E39)"), e.getMessage());
        }
    }

    /** Poisons the first parameter's gradient at the given backward passes (1-based) and records its weight at each. */
    private static final class Poison implements java.util.function.Consumer<List<ai.djl.nn.Parameter>> {
        final Set<Integer> at;
        final List<float[]> firstWeight = new ArrayList<>();
        int calls;

        Poison(Set<Integer> at) {
            this.at = at;
        }

        @Override
        public void accept(List<ai.djl.nn.Parameter> params) {
            calls++;
            firstWeight.add(params.get(0).getArray().toFloatArray());
            if (at.contains(calls) || at.contains(-1)) {
                try (NDArray g = params.get(0).getArray().getGradient()) {
                    g.addi(Float.NaN);
                }
            }
        }
    }

    @Test
    void aNonFiniteGradientIsSkippedAndLeavesTheWeightsAsTheyWere() {
        List<ImageSource> imgs = Synthetic.noisyImages(4, 2, 3, 24);
        try (Encoder enc = Encoder.create(EC, lars(), 2)) {
            enc.train(imgs, 1);
            int live = enc.liveArrays();
            long before = enc.optimizerSteps();
            Poison poison = new Poison(Set.of(3));
            enc.afterBackward = poison;
            TrainStats st = enc.trainSteps(imgs, 6, TrainListener.NONE);
            assertEquals(6, st.steps());
            assertEquals(1, st.skippedSteps());
            assertEquals(before + 6, enc.optimizerSteps(), "a skipped step still counts");
            assertEquals(1, enc.skippedSteps());
            // weights seen at backward 3 (before its skipped update) and at backward 4 are identical;
            // every applied step changes them
            assertArrayEquals(poison.firstWeight.get(2), poison.firstWeight.get(3));
            assertFalse(Arrays.equals(poison.firstWeight.get(1), poison.firstWeight.get(2)));
            assertFalse(Arrays.equals(poison.firstWeight.get(3), poison.firstWeight.get(4)));
            assertTrue(Double.isFinite(st.meanLoss()), "mean loss " + st.meanLoss());
            for (float[] row : enc.embed(imgs)) {
                for (float v : row) {
                    assertTrue(Float.isFinite(v), "embedding holds " + v);
                }
            }
            assertEquals(live, enc.liveArrays(), "arrays under the encoder after a skipped step");
        }
    }

    @Test
    void aGradientThatStaysNonFiniteStopsTrainingAfterFiveSteps() {
        List<ImageSource> imgs = Synthetic.noisyImages(4, 2, 3, 24);
        try (Encoder enc = Encoder.create(EC, lars(), 2)) {
            enc.afterBackward = new Poison(Set.of(-1));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> enc.trainSteps(imgs, 20, TrainListener.NONE));
            assertTrue(e.getMessage().startsWith("training diverged: the gradient was not finite in 5 steps in a row,"
                    + " up to optimiser step 5 (lars"), e.getMessage());
            assertTrue(e.getMessage().contains("first non-finite gradient: "), e.getMessage());
            assertEquals(4, enc.optimizerSteps(), "four skipped steps counted, the fifth stopped");
        }
    }
}
