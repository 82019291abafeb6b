package dev.explorer.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** train.stepsPerIteration: exactly the steps asked for, whatever the size of the training set. */
class TrainStepsTest {

    @Test
    void takesExactlyTheStepsAskedForWithSmallAndLargeSets() {
        try (Encoder enc = Encoder.create(Synthetic.tinyEncoder(), Synthetic.tinyTrain(4), 1)) {
            List<Long> sizes = new ArrayList<>();
            // 10 images, batch 4: 2 full batches per pass, so 5 steps need 3 passes (the 2 left over are never a batch)
            TrainStats s = enc.trainSteps(Synthetic.images(5, 2, 1, 24), 5, (e, step, total, loss) -> {
                assertEquals(5L, total);
                sizes.add(step);
            });
            assertEquals(5, s.steps());
            assertEquals(20, s.images()); // every batch full
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), sizes);
            assertEquals(5, enc.optimizerSteps());
            assertEquals(3, enc.epochsDone());
            // 3 images, fewer than a batch: each step trains on all three
            TrainStats t = enc.trainSteps(Synthetic.images(3, 1, 2, 24), 4, TrainListener.NONE);
            assertEquals(4, t.steps());
            assertEquals(12, t.images());
            assertEquals(9, enc.optimizerSteps());
            assertTrue(Double.isFinite(t.meanLoss()));
            assertEquals(0, enc.trainSteps(Synthetic.images(2, 1, 3, 24), 0, TrainListener.NONE).steps());
            assertThrows(IllegalArgumentException.class,
                    () -> enc.trainSteps(Synthetic.images(1, 1, 3, 24), 2, TrainListener.NONE));
        }
    }
}
