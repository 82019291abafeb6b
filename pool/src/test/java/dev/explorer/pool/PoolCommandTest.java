package dev.explorer.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.config.cli.UsageException;
import dev.explorer.pool.cli.PoolCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PoolCommandTest {

    @TempDir
    Path tmp;

    /** Runs like the explorer CLI: usage errors exit 2. */
    static int run(StringWriter err, String... args) {
        CommandLine cl = new CommandLine(new PoolCommand());
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UsageException) {
                cmd.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cl.execute(args);
    }

    @Test
    void buildsAUsersFolderAndRefusesBadInput() throws Exception {
        Path images = tmp.resolve("imgs");
        TestPools.img2dataset(images, 12);
        Path out = tmp.resolve("pool");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "build", "--folder", "mine=" + images, "--out", out.toString(), "--threads", "1"));
        assertEquals(12, PoolLayout.manifest(out).images());
        assertTrue(Files.isDirectory(out.resolve(PoolLayout.INDEX)));

        StringWriter e2 = new StringWriter();
        assertEquals(2, run(e2, "build", "--folder", "mine=" + images, "--out", out.toString()));
        assertTrue(e2.toString().contains("--overwrite"), e2.toString());
        StringWriter e3 = new StringWriter();
        assertEquals(2, run(e3, "build", "--folder", "nonsense", "--out", tmp.resolve("x").toString()));
        assertTrue(e3.toString().contains("NAME=PATH"), e3.toString());
        StringWriter e4 = new StringWriter();
        assertEquals(2, run(e4, "serve", "--pool", tmp.resolve("nothing").toString()));
        assertTrue(e4.toString().contains("explorer pool build"), e4.toString());
    }
}
