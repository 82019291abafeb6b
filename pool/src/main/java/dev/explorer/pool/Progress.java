package dev.explorer.pool;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Progress bars: ASCII on a terminal, a log line every few seconds otherwise. */
final class Progress {
    private static final Logger LOG = LoggerFactory.getLogger("dev.explorer.pool.progress");

    private Progress() {
    }

    static ProgressBar bar(String task, long max, boolean enabled) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII).showSpeed();
        if (!enabled) {
            b.setConsumer(new DelegatingProgressBarConsumer(s -> { }));
            b.setUpdateIntervalMillis(60_000);
        } else if (System.console() == null) {
            b.setConsumer(new DelegatingProgressBarConsumer(LOG::info)).setUpdateIntervalMillis(5_000);
        } else {
            b.setUpdateIntervalMillis(500);
        }
        return b.build();
    }
}
