package dev.explorer.pool.cli;

import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --pool} option of the commands that read a built pool, and the check that one is there. */
public final class BuiltPool {

    @Option(names = "--pool", paramLabel = "DIR", description = "Pool directory (default: pool.dir, else <cache>/pool/web-v1).")
    Path pool;

    /** The pool directory ({@link PoolDirs#pool}), or a usage error naming the command that builds one. */
    public Path dir(ExplorerConfig c) {
        Path dir = PoolDirs.pool(c, pool);
        if (!Files.isRegularFile(dir.resolve("pool.json"))) {
            throw new UsageException("no pool in " + dir + ": build it with `explorer pool build` (or give --pool DIR)");
        }
        return dir;
    }
}
