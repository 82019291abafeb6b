package dev.explorer.agent.cli;

import dev.explorer.agent.loop.Session;
import dev.explorer.run.ResumeOverrides;
import dev.explorer.run.RunDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code explorer resume RUN_DIR}: continue a stopped or crashed run exactly where it committed. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue a run after a crash or Ctrl-C. Iterations that committed are kept; an interrupted one",
            "is redone from its start, so no log line is lost or duplicated. Settings come from RUN_DIR/config.yaml."})
public final class ResumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "The run directory to continue.")
    Path dir;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = {"Change a setting that does not change what the run means (kept in config.yaml): "
                + "the engine's address, parallelism, timeouts, checkpoints kept, total iterations. Others are refused.",
                "e.g. --set search.endpoint=http://127.0.0.1:8765"})
    List<String> sets = new ArrayList<>();

    @Option(names = "--rollback-to", paramLabel = "N",
            description = "Continue from the commit of iteration N (when a later checkpoint is damaged); the later "
                    + "iterations are redone and their log lines moved to <log>.rolled-back-<last>, not deleted.")
    Integer rollbackTo;

    @Override
    public Integer call() throws Exception {
        ResumeOverrides.check(sets);
        RunDirectory run = RunDirectory.open(dir, sets);
        if (rollbackTo != null) {
            int from = run.state().completedIterations();
            try {
                run.rollback(rollbackTo);
            } catch (RuntimeException e) {
                run.close();
                throw e;
            }
            spec.commandLine().getErr().println("rolled back " + dir + " from iteration " + from + " to " + rollbackTo);
        }
        try (Session s = Session.open(run)) {
            int done = s.exploration().completedIterations();
            int total = s.run().config().run().iterations();
            if (done >= total) {
                spec.commandLine().getOut().println(dir + " is complete (" + done + " of " + total + " iterations)");
                return 0;
            }
            spec.commandLine().getErr().println("resuming " + dir + " at iteration " + (done + 1) + " of " + total);
            s.exploration().runToEnd();
        }
        spec.commandLine().getOut().println("run finished: " + dir + "   (inspect it with: explorer report " + dir + ")");
        return 0;
    }
}
