package dev.explorer.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.config.ConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {
    @TempDir
    Path tmp;

    /** Output of one invocation. */
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void registersAsASubcommandOfExplorer() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new ExplorerCommand());
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("report", "--help"));
        assertTrue(out.toString().startsWith("Usage: explorer report "), out.toString());
    }

    @Test
    void helpAndVersion() {
        Result help = run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("config"), help.out());
        Result v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().matches("(?s)explorer \\d+\\.\\d+\\.\\d+.*"), v.out());
    }

    @Test
    void configShowPrintsYamlThatLoadsBack() throws Exception {
        Result r = run("config", "show", "--preset", "paper", "--set", "train.lr=0.3");
        assertEquals(0, r.code(), r.err());
        Path f = tmp.resolve("shown.yaml");
        Files.writeString(f, r.out());
        var expected = ConfigLoader.builder().preset("paper").set("train.lr=0.3").load();
        assertEquals(expected, ConfigLoader.builder().file(f).load());
        // a file given with --config layers over the preset
        Result again = run("config", "show", "--config", f.toString());
        assertEquals(r.out(), again.out());
    }

    @Test
    void configErrorsExitWithTwoAndNoStackTrace() {
        Result r = run("config", "show", "--set", "train.lrr=1");
        assertEquals(Main.USAGE_ERROR, r.code());
        assertTrue(r.err().contains("train.lrr") && r.err().contains("did you mean 'train.lr'"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertEquals("", r.out());
    }

    @Test
    void configCheckPassesAGoodFileAndFailsABadOne() throws Exception {
        Path good = tmp.resolve("good.yaml");
        Files.writeString(good, "reward:\n  k: 5\n");
        Result ok = run("config", "check", good.toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("ok"));
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "reward:\n  k: 0\ntarget:\n  dir: " + tmp.resolve("absent") + "\n");
        Result no = run("config", "check", bad.toString());
        assertEquals(Main.USAGE_ERROR, no.code());
        assertTrue(no.err().contains("reward.k") && no.err().contains("target.dir"), no.err());
        Result missing = run("config", "check", tmp.resolve("nope.yaml").toString());
        assertEquals(Main.USAGE_ERROR, missing.code());
        assertTrue(missing.err().contains("does not exist"), missing.err());
    }

    @Test
    void configExplainDescribesKeysSectionsAndRejectsUnknownOnes() {
        Result one = run("config", "explain", "train.lr");
        assertEquals(0, one.code());
        assertTrue(one.out().contains("train.lr = 0.001") && one.out().contains("paper: 0.7")
                && one.out().contains("Learning rate"), one.out());
        Result all = run("config", "explain");
        assertEquals(0, all.code());
        long described = all.out().lines().filter(l -> l.matches("^  [a-z]+\\.[A-Za-z]+ = .*")).count();
        assertEquals(dev.explorer.config.ConfigSchema.EXPLORER.keys().size(), described);
        Result section = run("config", "explain", "reward");
        long rewardKeys = dev.explorer.config.ConfigSchema.EXPLORER.keys().stream().filter(k -> k.section().equals("reward")).count();
        assertEquals(rewardKeys, section.out().lines().filter(l -> l.matches("^  reward\\.[A-Za-z]+ = .*")).count(), section.out());
        assertTrue(rewardKeys >= 3);
        // what the paper preset still does differently, with the reason: all of it, or a section's own
        assertTrue(all.out().contains("differences between --preset paper and the paper"), all.out());
        for (dev.explorer.config.PaperDifferences.Difference d : dev.explorer.config.PaperDifferences.all()) {
            assertTrue(all.out().contains(d.reason().substring(0, Math.min(40, d.reason().length()))), d.reason());
        }
        Result sampler = run("config", "explain", "sampler");
        assertTrue(sampler.out().contains("  - sampler.gpSparseAbove: 10240") && sampler.out().contains("paper: always the exact GP"),
                sampler.out());
        assertFalse(sampler.out().contains("encoder.start: pool"), sampler.out());
        assertFalse(run("config", "explain", "run.seed").out().contains("differences between"));
        Result unknown = run("config", "explain", "trian.lr");
        assertEquals(Main.USAGE_ERROR, unknown.code());
        assertTrue(unknown.err().contains("did you mean 'train.lr'"), unknown.err());
    }

    @Test
    void unknownCommandOrOptionIsAUsageError() {
        assertEquals(Main.USAGE_ERROR, run("frobnicate").code());
        assertEquals(Main.USAGE_ERROR, run("config", "show", "--no-such-option").code());
    }

    @Test
    void runtimeFailureExitsWithOneAndAShortMessage() {
        CommandLine cl = Main.commandLine();
        cl.addSubcommand("boom", new Boom());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(Main.RUNTIME_FAILURE, cl.execute("boom"));
        assertTrue(err.toString().contains("failed: disk on fire"), err.toString());
        assertFalse(err.toString().contains("\tat "), err.toString());
    }

    @CommandLine.Command(name = "boom")
    static final class Boom implements Runnable {
        @Override
        public void run() {
            throw new IllegalStateException("disk on fire");
        }
    }
}
