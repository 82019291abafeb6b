package dev.explorer.agent.cli;

import dev.explorer.agent.start.PoolStart;
import dev.explorer.config.cli.ConfigOptions;
import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.cli.UsageException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code explorer start-encoder}: builds, once, the pool-pretrained encoder that runs start from
 * ({@code encoder.start=pool}), or reports its state. {@code explorer run} builds it by itself
 * when it is missing; this command does it ahead of time, e.g. before a demo.
 */
@Command(name = "start-encoder", mixinStandardHelpOptions = true,
        description = {"Build (once, cached) the pool-pretrained encoder that runs start from, or show its state.",
            "Runs use it by default (encoder.start=pool) and build it themselves when it is missing."})
public final class StartEncoderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ConfigOptions config;

    @Option(names = "--status", description = "Only print whether it is built, for which pool and architecture; exit 1 when not ready.")
    boolean status;

    @Option(names = "--rebuild", description = "Build it again even when the cached one is valid.")
    boolean rebuild;

    @Option(names = "--threads", paramLabel = "N",
            description = {"PyTorch threads for the build (default: every core, or encoder.threads where that is"
                    + " more, unless --set encoder.threads names a count); encoder.threads stays the runs' own setting."
                    + " Measured on 2 cores: 45 images/s with 1 thread, 81 with 2. The start's weights depend on"
                    + " the thread count."})
    Integer threads;

    @Override
    public Integer call() throws Exception {
        // a build has the machine to itself: every core unless the user named a count
        ExplorerConfig c = config.load(List.of());
        boolean userThreads = config.sets().stream().anyMatch(a -> a.startsWith("encoder.threads="));
        if (threads != null || !userThreads) {
            c = config.load(List.of("encoder.threads=" + (threads != null ? threads : PoolStart.commandThreads(c))));
        }
        PrintWriter out = spec.commandLine().getOut();
        PoolStart.Status s = PoolStart.status(c);
        if (status) {
            out.println(s.state().name().toLowerCase(java.util.Locale.ROOT) + ": " + s.checkpoint()
                    + (s.reason() == null ? "" : " (" + s.reason() + ")"));
            out.flush();
            return s.state() == PoolStart.State.READY ? 0 : 1;
        }
        if (s.state() == PoolStart.State.NO_POOL) {
            throw new UsageException(s.reason() + ": build the offline pool first with 'explorer pool build'");
        }
        if (s.state() == PoolStart.State.READY && !rebuild) {
            out.println("ready: " + s.checkpoint());
            out.flush();
            return 0;
        }
        if (rebuild) {
            Files.deleteIfExists(s.checkpoint());
        }
        Path built = PoolStart.build(c, line -> {
            spec.commandLine().getErr().println(line);
            spec.commandLine().getErr().flush();
        });
        out.println("ready: " + built);
        out.flush();
        return 0;
    }
}
