package dev.explorer.agent.cli;

import dev.explorer.agent.loop.Session;
import dev.explorer.agent.run.RunDirectory;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code explorer resume RUN_DIR}: continue a stopped or crashed run exactly where it committed. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue a run after a crash or Ctrl-C. Iterations that committed are kept; an interrupted one",
            "is redone from its start, so no log line is lost or duplicated. Settings come from RUN_DIR/config.yaml."})
public final class ResumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "The run directory to continue.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        try (Session s = Session.open(RunDirectory.open(dir))) {
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
