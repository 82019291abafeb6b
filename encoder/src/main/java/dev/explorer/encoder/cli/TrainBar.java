package dev.explorer.encoder.cli;

import dev.explorer.config.common.Progress;
import dev.explorer.encoder.Encoder;
import dev.explorer.encoder.ImageSource;
import dev.explorer.encoder.TrainStats;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;

/** Training from the command line, shown by the shared {@link Progress} display (steps, epoch, loss). */
public final class TrainBar {
    private TrainBar() {
    }

    public static TrainStats train(Encoder enc, List<ImageSource> images, int epochs, String task, Logger log) {
        long before = enc.epochsDone(); // epochs are numbered over the encoder's life
        try (Progress.Task bar = Progress.forConsole(log).start(task, 0, "steps")) {
            return enc.train(images, epochs, (epoch, step, total, loss) -> bar.update(step, total,
                    String.format(Locale.ROOT, "epoch %d loss %.4f", before + epoch + 1, loss)));
        }
    }
}
