package dev.explorer.agent.cli;

import dev.explorer.agent.loop.Session;
import dev.explorer.agent.start.PoolStart;
import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.cli.ConfigOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code explorer run}: start an exploration in a new run directory. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Explore the search engine for images like the target's and train the encoder on them.",
            "The run directory (<run.dir>/<run.name>) gets config.yaml, state.json, rewards.jsonl, iterations.jsonl,",
            "images/ and checkpoints/. Stopped or crashed? Continue with: explorer resume RUN_DIR"})
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ConfigOptions config;

    @Option(names = "--target", paramLabel = "DIR", description = "Folder of target images (same as --set target.dir=DIR).")
    Path target;

    @Option(names = "--iterations", paramLabel = "N", description = "Iterations (same as --set run.iterations=N).")
    Integer iterations;

    @Option(names = "--run-dir", paramLabel = "DIR", description = "Run directory (sets run.dir and run.name from it).")
    Path runDir;

    @Override
    public Integer call() throws Exception {
        ExplorerConfig c = resolve();
        // the run's config.yaml names the start it used, so a resume starts from the same weights
        Path start = PoolStart.resolve(c, this::say);
        if (start != null) {
            c = resolve("encoder.init=" + start);
        }
        Path dir = c.run().runDirectory();
        try (Session s = Session.start(c)) {
            s.exploration().runToEnd();
        }
        spec.commandLine().getOut().println("run finished: " + dir + "   (inspect it with: explorer report " + dir + ")");
        return 0;
    }

    private void say(String line) {
        spec.commandLine().getErr().println(line);
        spec.commandLine().getErr().flush();
    }

    ExplorerConfig resolve(String... more) {
        java.util.List<String> extra = new java.util.ArrayList<>();
        if (target != null) {
            extra.add("target.dir=" + target);
        }
        if (iterations != null) {
            extra.add("run.iterations=" + iterations);
        }
        if (runDir != null) {
            Path abs = runDir.toAbsolutePath().normalize();
            extra.add("run.dir=" + abs.getParent());
            extra.add("run.name=" + abs.getFileName());
        }
        extra.addAll(java.util.List.of(more));
        return config.load(extra);
    }
}
