package dev.explorer.report.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.explorer.config.cli.UsageException;
import dev.explorer.config.common.Progress;
import dev.explorer.report.GroundTruth;
import dev.explorer.report.HtmlReport;
import dev.explorer.report.RunReader;
import dev.explorer.report.RunReport;
import dev.explorer.report.TextReport;
import dev.explorer.run.AtomicFiles;
import dev.explorer.run.RunDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code explorer report <run-dir>}: what a run has found so far, in the terminal (or as JSON) and
 * as a self-contained HTML page. Reads the run without changing it; the only file it writes is the
 * page (by default {@code <run-dir>/report.html}, replaced atomically).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {
            "Summarise a run: per iteration the queries, images downloaded and kept,",
            "query scores, relevant fraction and k-NN accuracy (when known) and time per",
            "phase; the top concepts; failures by kind. Also writes a self-contained",
            "report.html with charts. Works on finished, running and crashed runs and",
            "never changes them.",
        })
public final class ReportCommand implements Callable<Integer> {
    static final String CLEAR_SCREEN = "\033[H\033[2J";

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "The run directory (runs/<name>).")
    Path runDir;

    @Option(names = "--json", description = "Print the summary as JSON (with --follow: one JSON object per line per refresh).")
    boolean json;

    @Option(names = "--follow", description = "Refresh while the run is in progress; stops when the run is no longer running, "
            + "after --refreshes, or on Ctrl-C.")
    boolean follow;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds between refreshes with --follow (default: ${DEFAULT-VALUE}).")
    double interval;

    @Option(names = "--refreshes", paramLabel = "N", defaultValue = "0",
            description = "With --follow: stop after N refreshes (default 0: until the run stops).")
    int refreshes;

    @Option(names = "--ground-truth", paramLabel = "FILE",
            description = "The pool's eval file (JSON lines with id and topic; or the pool directory holding eval.jsonl). "
                    + "Evaluation only: the agent never sees it. Needs --relevant.")
    Path groundTruth;

    @Option(names = "--relevant", paramLabel = "TOPIC,...",
            description = "Topics that count as relevant for the relevant fraction, e.g. animal,plant (T1) or footwear (T3).")
    String relevant;

    @Option(names = "--html", paramLabel = "FILE", description = "Where to write the page (default: RUN_DIR/report.html).")
    Path html;

    @Option(names = "--no-html", description = "Do not write the page.")
    boolean noHtml;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Concepts listed per ranking (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--iteration", paramLabel = "N",
            description = "Iteration whose queries the page plots predicted vs observed (default: the latest with predictions).")
    Integer iteration;

    private static final ObjectMapper JSON_OUT = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        if (groundTruth != null && relevant == null) {
            throw new UsageException("--ground-truth needs --relevant TOPIC,... (e.g. --relevant animal,plant for T1, "
                    + "--relevant footwear for T3)");
        }
        if (relevant != null && groundTruth == null) {
            throw new UsageException("--relevant needs --ground-truth FILE (the pool's eval file)");
        }
        List<String> topics = relevant == null ? List.of() : GroundTruth.parseTopics(relevant);
        if (relevant != null && topics.isEmpty()) {
            throw new UsageException("--relevant names no topic; give e.g. --relevant animal,plant");
        }
        if (top < 1) {
            throw new UsageException("--top must be at least 1, not " + top);
        }
        if (follow && !(interval > 0)) {
            throw new UsageException("--interval must be more than 0 seconds, not " + interval);
        }
        if (refreshes < 0) {
            throw new UsageException("--refreshes must be 0 (no limit) or more, not " + refreshes);
        }
        Path page = noHtml ? null : html != null ? html : runDir.resolve("report.html");
        if (page != null) {
            checkNotARunFile(page);
        }
        RunReader.Options options = RunReader.Options.of(runDir).withTop(top).withScatterIteration(iteration)
                .withGroundTruth(groundTruth, topics);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean clear = follow && !json && Progress.terminalAttached();
        for (int n = 1; ; n++) {
            RunReport report = RunReader.read(options);
            if (page != null) {
                AtomicFiles.write(page, HtmlReport.render(report, runDir).getBytes(StandardCharsets.UTF_8));
                report = report.withHtml(page.toString());
            }
            if (json) {
                out.println(follow ? JSON_OUT.writeValueAsString(report)
                        : JSON_OUT.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
            } else {
                if (clear) {
                    out.print(CLEAR_SCREEN);
                } else if (n > 1) {
                    out.println("----");
                }
                out.print(TextReport.render(report));
            }
            out.flush();
            if (!follow) {
                return 0;
            }
            if (!stillRunning(report)) {
                err.println("explorer report: the run is " + report.status().name().toLowerCase(java.util.Locale.ROOT)
                        + ", not running; stopped following");
                err.flush();
                return 0;
            }
            if (refreshes > 0 && n >= refreshes) {
                return 0;
            }
            try {
                Thread.sleep((long) (interval * 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
    }

    private static boolean stillRunning(RunReport r) {
        return switch (r.status()) {
            case RUNNING -> true;
            case UNKNOWN -> r.plannedIterations() == null || r.completedIterations() < r.plannedIterations();
            default -> false;
        };
    }

    /** The page must never replace one of the run's own files. */
    private void checkNotARunFile(Path page) throws IOException {
        Path p = page.toAbsolutePath().normalize();
        Path d = runDir.toAbsolutePath().normalize();
        for (String f : List.of(RunDirectory.CONFIG, RunDirectory.STATE, RunDirectory.REWARDS, RunDirectory.ITERATIONS,
                RunDirectory.LOCK)) {
            if (p.equals(d.resolve(f))) {
                throw new UsageException("--html " + page + " would replace the run's " + f + "; choose another file");
            }
        }
        if (p.startsWith(d.resolve("images")) || p.startsWith(d.resolve("checkpoints"))) {
            throw new UsageException("--html " + page + " is inside the run's images/ or checkpoints/; choose another file");
        }
    }
}
