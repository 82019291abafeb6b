package dev.explorer.pool.cli;

import dev.explorer.config.ConfigException;
import dev.explorer.config.cli.UsageException;
import picocli.CommandLine;

/**
 * Runs {@code pool} on its own ({@code java -cp ... dev.explorer.pool.cli.PoolMain build}), for
 * scripts that should not need the whole CLI; {@code explorer pool} is the same command.
 */
public final class PoolMain {
    private PoolMain() {
    }

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new PoolCommand());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UsageException || e instanceof ConfigException) {
                cmd.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        System.exit(cl.execute(args));
    }
}
