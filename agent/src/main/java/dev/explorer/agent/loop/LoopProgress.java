package dev.explorer.agent.loop;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a user watching a run sees of each phase of an iteration.
 *
 * <p>On a terminal: one live line per phase, redrawn in place at most ten times a second, e.g.
 * {@code iteration 3/10 download [##########..........]   812/1640 images  4.1 s}, and left on
 * screen with its final count and time when the phase ends, so the finished iteration reads as a
 * small table of phases. Otherwise (a file, a pipe, CI): plain log lines, because carriage
 * returns make a mess of files. A phase that runs for more than {@link #QUIET_SECONDS} logs each
 * quarter it passes; every phase logs one line when it ends.
 */
public final class LoopProgress {
    private static final Logger log = LoggerFactory.getLogger(LoopProgress.class);
    static final double QUIET_SECONDS = 5;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR = 20;

    private final int iterations;
    private final PrintStream terminal; // null: log lines
    private final Consumer<String> logLine;
    private final LongSupplier nanos;

    LoopProgress(int iterations, PrintStream terminal, Consumer<String> logLine, LongSupplier nanos) {
        this.iterations = iterations;
        this.terminal = terminal;
        this.logLine = logLine;
        this.nanos = nanos;
    }

    /** Bars on stderr when a terminal is attached, log lines otherwise. */
    public static LoopProgress forConsole(int iterations) {
        return new LoopProgress(iterations, System.console() != null ? System.err : null, log::info, System::nanoTime);
    }

    /**
     * Starts showing a phase.
     *
     * @param iteration zero-based iteration
     * @param total units the phase will process; 0 or less when unknown (the line then shows time only)
     * @param unit what is counted ("queries", "images", "steps")
     */
    public Phase start(int iteration, String name, long total, String unit) {
        Phase p = new Phase(iteration, name, total, unit);
        p.draw(true);
        return p;
    }

    /** One phase's display; {@link #step} may be called from any thread. */
    public final class Phase implements AutoCloseable {
        private final int iteration;
        private final String name;
        private final String unit;
        private final long t0;
        private long total;
        private long done;
        private String extra = "";
        private long lastDraw;
        private int lastQuarter;
        private boolean closed;
        private long closedAt;

        private Phase(int iteration, String name, long total, String unit) {
            this.iteration = iteration;
            this.name = name;
            this.total = total;
            this.unit = unit;
            this.t0 = nanos.getAsLong();
            this.lastDraw = t0;
        }

        public synchronized void step(long n) {
            done += n;
            draw(false);
        }

        /** Sets the count (and the total when it was not known at the start) with a short note, e.g. the loss. */
        public synchronized void update(long doneNow, long totalNow, String note) {
            done = doneNow;
            total = totalNow;
            extra = note == null ? "" : note;
            draw(false);
        }

        public synchronized long done() {
            return done;
        }

        /** Seconds from the start to the close (or to now while it runs): the loop's phase time. */
        public synchronized double seconds() {
            return ((closed ? closedAt : nanos.getAsLong()) - t0) / 1e9;
        }

        private void draw(boolean first) {
            if (closed) {
                return;
            }
            long now = nanos.getAsLong();
            double secs = (now - t0) / 1e9;
            if (terminal != null) {
                if (first || now - lastDraw >= REDRAW_NANOS || (total > 0 && done >= total)) {
                    lastDraw = now;
                    terminal.print("\r" + line(secs) + "\u001b[K");
                    terminal.flush();
                }
                return;
            }
            if (total > 0 && secs >= QUIET_SECONDS) {
                int quarter = (int) Math.min(4, 4 * done / total);
                if (quarter > lastQuarter && quarter < 4) {
                    lastQuarter = quarter;
                    logLine.accept(String.format(Locale.ROOT, "iteration %d: %s %d/%d %s (%.1f s)%s", iteration + 1,
                            name, done, total, unit, secs, extra.isEmpty() ? "" : ", " + extra));
                }
            }
        }

        /** The phase's line as a terminal shows it. */
        String line(double secs) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "iteration %d/%d %-8s ", iteration + 1, iterations, name));
            if (total > 0) {
                int filled = (int) Math.min(BAR, BAR * done / total);
                sb.append('[').append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ");
                String t = Long.toString(total);
                sb.append(String.format(Locale.ROOT, "%" + t.length() + "d/%s %s", done, t, unit));
            } else if (done > 0) {
                sb.append(done).append(' ').append(unit);
            }
            sb.append(String.format(Locale.ROOT, "  %.1f s", secs));
            if (!extra.isEmpty()) {
                sb.append("  ").append(extra);
            }
            return sb.toString();
        }

        /** Ends the phase: the terminal line stays with its final count and time; a log line otherwise. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closedAt = nanos.getAsLong();
            double secs = (closedAt - t0) / 1e9;
            if (terminal != null) {
                terminal.print("\r" + line(secs) + "\u001b[K" + System.lineSeparator());
                terminal.flush();
            } else {
                logLine.accept(String.format(Locale.ROOT, "iteration %d: %s done, %s in %.1f s%s", iteration + 1, name,
                        total > 0 || done > 0 ? done + " " + unit : "", secs, extra.isEmpty() ? "" : ", " + extra)
                        .replace(",  in", " in"));
            }
            closed = true;
        }
    }
}
