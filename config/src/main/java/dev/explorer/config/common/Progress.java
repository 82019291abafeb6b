package dev.explorer.config.common;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * The one progress display of every long piece of work (pool build, vocabulary embedding,
 * training, the loop's phases), and the one place that decides between a terminal and a log.
 *
 * <p>On a terminal: one live line per task on stderr, redrawn in place at most ten times a
 * second, e.g. {@code pool build [##########..........]  812/1640 images  4.1 s}, and left on
 * screen with its final count and time when the task ends. Otherwise (a file, a pipe, CI): plain
 * log lines, because carriage returns make a mess of files. A task that runs for more than
 * {@link #QUIET_SECONDS} logs each quarter it passes, and at least every
 * {@link #HEARTBEAT_SECONDS} (a silent CI log looks hung); every task logs one line when it ends.
 */
public final class Progress {
    /** Without a terminal, a task quicker than this logs only its end. */
    public static final double QUIET_SECONDS = 5;
    /** Without a terminal, a long task logs at least this often. */
    public static final double HEARTBEAT_SECONDS = 60;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR = 20;

    private final PrintStream terminal; // null: log lines
    private final Consumer<String> logLine;
    private final LongSupplier nanos;

    /**
     * @param terminal where bars are drawn; null for log lines instead
     * @param logLine  receives the log lines (without a terminal)
     * @param nanos    the clock
     */
    public Progress(PrintStream terminal, Consumer<String> logLine, LongSupplier nanos) {
        this.terminal = terminal;
        this.logLine = logLine;
        this.nanos = nanos;
    }

    /** Bars on stderr when {@link #terminalAttached()}, otherwise log lines at INFO through {@code log}. */
    public static Progress forConsole(Logger log) {
        return new Progress(terminalAttached() ? System.err : null, log::info, System::nanoTime);
    }

    /** Shows nothing (still measures each task's time). */
    public static Progress silent() {
        return new Progress(null, line -> { }, System::nanoTime);
    }

    /** Whether this process may draw on a terminal: bars, or a screen cleared between refreshes. */
    public static boolean terminalAttached() {
        return drawsOnTerminal(System.console() != null, System.getenv("TERM"));
    }

    /**
     * The terminal-or-log decision: only an interactive console (stdin and stdout a terminal, so
     * not redirected to a file or a pipe) whose terminal understands carriage return and
     * erase-line ({@code TERM=dumb} does not) gets bars.
     */
    static boolean drawsOnTerminal(boolean console, String term) {
        return console && !"dumb".equals(term);
    }

    /** Whether this display draws bars (true) or writes log lines (false). */
    public boolean terminal() {
        return terminal != null;
    }

    /** Starts showing a task named the same on the terminal and in the log. */
    public Task start(String name, long total, String unit) {
        return start(name, name, total, unit);
    }

    /**
     * Starts showing a task.
     *
     * @param label   what the terminal line starts with
     * @param logName what a log line starts with
     * @param total   units the task will process; 0 or less when unknown (the line then shows time only)
     * @param unit    what is counted ("images", "concepts", "steps")
     */
    public Task start(String label, String logName, long total, String unit) {
        Task t = new Task(label, logName, total, unit);
        t.draw(true);
        return t;
    }

    /**
     * The terminal line of a task, e.g. {@code pool build [#####...............]  3/12 images  1.5 s}.
     * A known total gets a bar of {@value #BAR} characters and a count right-aligned to the
     * total's width; an unknown one only the count once there is one.
     */
    static String line(String label, long done, long total, String unit, double secs, String note) {
        StringBuilder sb = new StringBuilder(label).append(' ');
        if (total > 0) {
            int filled = (int) Math.max(0, Math.min(BAR, BAR * done / total));
            sb.append('[').append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ");
            String t = Long.toString(total);
            sb.append(String.format(Locale.ROOT, "%" + t.length() + "d/%s %s", done, t, unit));
        } else if (done > 0) {
            sb.append(done).append(' ').append(unit);
        }
        sb.append(String.format(Locale.ROOT, "  %.1f s", secs));
        if (!note.isEmpty()) {
            sb.append("  ").append(note);
        }
        return sb.toString();
    }

    /** The log line of a task still running, e.g. {@code pool build 25/100 images (5.0 s)}. */
    static String runningLogLine(String logName, long done, long total, String unit, double secs, String note) {
        String count = total > 0 ? done + "/" + total + " " + unit : done + " " + unit;
        return String.format(Locale.ROOT, "%s %s (%.1f s)%s", logName, count, secs, note.isEmpty() ? "" : ", " + note);
    }

    /** The log line of a finished task, e.g. {@code pool build done, 100 images in 20.0 s}. */
    static String doneLogLine(String logName, long done, long total, String unit, double secs, String note) {
        return String.format(Locale.ROOT, "%s done, %s in %.1f s%s", logName,
                total > 0 || done > 0 ? done + " " + unit : "", secs, note.isEmpty() ? "" : ", " + note)
                .replace(",  in", " in");
    }

    /** One task's display; {@link #step} and {@link #update} may be called from any thread. */
    public final class Task implements AutoCloseable {
        private final String label;
        private final String logName;
        private final String unit;
        private final long t0;
        private long total;
        private long done;
        private String note = "";
        private long lastDraw;
        private long lastLog;
        private int lastQuarter;
        private boolean closed;
        private long closedAt;

        private Task(String label, String logName, long total, String unit) {
            this.label = label;
            this.logName = logName;
            this.total = total;
            this.unit = unit;
            this.t0 = nanos.getAsLong();
            this.lastDraw = t0;
            this.lastLog = t0;
        }

        /** Counts {@code n} more units done. */
        public synchronized void step(long n) {
            done += n;
            draw(false);
        }

        /** Sets the count (and the total when it was not known at the start) with a short note, e.g. the loss. */
        public synchronized void update(long doneNow, long totalNow, String noteNow) {
            done = doneNow;
            total = totalNow;
            note = noteNow == null ? "" : noteNow;
            draw(false);
        }

        public synchronized long done() {
            return done;
        }

        /** Seconds from the start to the close (or to now while it runs). */
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
                    terminal.print("\r" + line(label, done, total, unit, secs, note) + "\u001b[K");
                    terminal.flush();
                }
                return;
            }
            if (secs < QUIET_SECONDS) {
                return;
            }
            int quarter = total > 0 ? (int) Math.min(4, 4 * done / total) : 0;
            boolean newQuarter = quarter > lastQuarter && quarter < 4;
            if (newQuarter || (now - lastLog) / 1e9 >= HEARTBEAT_SECONDS) {
                lastQuarter = Math.max(lastQuarter, quarter);
                lastLog = now;
                logLine.accept(runningLogLine(logName, done, total, unit, secs, note));
            }
        }

        /** Ends the task: the terminal line stays with its final count and time; a log line otherwise. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closedAt = nanos.getAsLong();
            double secs = (closedAt - t0) / 1e9;
            if (terminal != null) {
                terminal.print("\r" + line(label, done, total, unit, secs, note) + "\u001b[K" + System.lineSeparator());
                terminal.flush();
            } else {
                logLine.accept(doneLogLine(logName, done, total, unit, secs, note));
            }
            closed = true;
        }
    }
}
