package dev.explorer.agent.loop;

import dev.explorer.config.common.Progress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a user watching a run sees of each phase of an iteration: the shared {@link Progress}
 * display, one task per phase, named after its iteration. On a terminal the line reads
 * {@code iteration 3/10 download [##########..........]   812/1640 images  4.1 s} and stays on
 * screen when the phase ends, so a finished iteration reads as a small table of phases; in a log,
 * {@code iteration 3: download done, 1640 images in 9.2 s}.
 */
public final class LoopProgress {
    private static final Logger log = LoggerFactory.getLogger(LoopProgress.class);

    private final int iterations;
    private final Progress progress;

    LoopProgress(int iterations, PrintStream terminal, Consumer<String> logLine, LongSupplier nanos) {
        this(iterations, new Progress(terminal, logLine, nanos));
    }

    private LoopProgress(int iterations, Progress progress) {
        this.iterations = iterations;
        this.progress = progress;
    }

    /** Bars on stderr when a terminal is attached, log lines otherwise ({@link Progress#forConsole}). */
    public static LoopProgress forConsole(int iterations) {
        return new LoopProgress(iterations, Progress.forConsole(log));
    }

    /**
     * Starts showing a phase.
     *
     * @param iteration zero-based iteration
     * @param total units the phase will process; 0 or less when unknown (the line then shows time only)
     * @param unit what is counted ("queries", "images", "steps")
     */
    public Progress.Task start(int iteration, String name, long total, String unit) {
        return progress.start(String.format(Locale.ROOT, "iteration %d/%d %-8s", iteration + 1, iterations, name),
                "iteration " + (iteration + 1) + ": " + name, total, unit);
    }
}
