package dev.explorer.encoder;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.config.EncoderConfig;
import dev.explorer.config.TrainConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A diverged run stops with a message that says where the non-finite values are and what to change. */
class DivergenceTest {

    @Test
    void aDivergedStepNamesTheFirstNonFiniteWeight() {
        EncoderConfig ec = new EncoderConfig(EncoderConfig.Backbone.RESNET_SMALL, 16, EncoderConfig.Device.CPU, 1,
                EncoderConfig.EmbedFrom.BACKBONE, 16, 8, null);
        // an absurd learning rate (beyond what the settings accept) pushes AdamW's first update past float's range
        TrainConfig tc = new TrainConfig(1, 4, TrainConfig.Optimizer.ADAMW, 1e39, TrainConfig.Schedule.CONSTANT, 0, 0,
                0.99, 0.2, 2.0, 0.5, 1, 0);
        List<ImageSource> imgs = Synthetic.images(2, 2, 3, 24);
        try (Encoder enc = Encoder.create(ec, tc, 2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> enc.train(imgs, 10));
            assertTrue(e.getMessage().startsWith("training diverged: loss is NaN at optimiser step 2"), e.getMessage());
            assertTrue(e.getMessage().contains("first non-finite weight after the update: "), e.getMessage());
            assertTrue(e.getMessage().contains("lower train.lr (now 1.0E39)"), e.getMessage());
        }
    }
}
