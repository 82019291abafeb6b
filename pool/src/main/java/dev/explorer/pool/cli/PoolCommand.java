package dev.explorer.pool.cli;

import picocli.CommandLine.Command;

/** {@code explorer pool}: build, targets, serve, coverage, ceiling. */
@Command(name = "pool", mixinStandardHelpOptions = true,
        description = "The offline web: build the image pool and targets from installed packages, serve search.",
        subcommands = {BuildCommand.class, TargetsCommand.class, ServeCommand.class, CoverageCommand.class,
                CeilingCommand.class})
public final class PoolCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
