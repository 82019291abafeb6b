package dev.explorer.encoder.cli;

import dev.explorer.encoder.Encoder;
import dev.explorer.encoder.ImageSource;
import dev.explorer.encoder.TrainStats;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;

/** Training from the command line: an ASCII bar on a terminal, a log line every 30 s otherwise. */
public final class TrainBar {
    private TrainBar() {
    }

    public static TrainStats train(Encoder enc, List<ImageSource> images, int epochs, String task, Logger log) {
        ProgressBarBuilder pbb = new ProgressBarBuilder().setTaskName(task).setStyle(ProgressBarStyle.ASCII)
                .setUnit(" steps", 1).setUpdateIntervalMillis(1000);
        if (System.console() == null) {
            pbb.setConsumer(new DelegatingProgressBarConsumer(log::info)).setUpdateIntervalMillis(30_000);
        }
        long before = enc.epochsDone(); // epochs are numbered over the encoder's life
        try (ProgressBar pb = pbb.build()) {
            return enc.train(images, epochs, (epoch, step, total, loss) -> {
                pb.maxHint(total);
                pb.stepTo(step);
                pb.setExtraMessage(String.format(Locale.ROOT, "epoch %d loss %.4f", before + epoch + 1, loss));
            });
        }
    }
}
