package dev.explorer.vocab;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A progress bar for long work: an ASCII bar on stderr when a terminal is attached, otherwise a
 * log line every 10 s (a bar's carriage returns make a mess of files and CI logs).
 */
final class Progress implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress start(String task, long total) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).showSpeed().setUnit(" concepts", 1);
        if (System.console() != null) {
            b.setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(500);
        } else {
            b.setConsumer(new DelegatingProgressBarConsumer(LOG::info, 160)).setUpdateIntervalMillis(10_000);
        }
        return new Progress(b.build());
    }

    void step(int n) {
        bar.stepBy(n);
    }

    @Override
    public void close() {
        bar.close();
    }
}
