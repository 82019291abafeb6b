package dev.explorer.agent.cli;

import dev.explorer.agent.loop.Session;
import dev.explorer.agent.start.PoolStart;
import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.cli.ConfigOptions;
import dev.explorer.config.cli.UsageException;
import dev.explorer.pool.PoolLayout;
import dev.explorer.pool.cli.BuildCommand;
import dev.explorer.pool.cli.PoolDirs;
import dev.explorer.pool.cli.TargetsCommand;
import dev.explorer.pool.server.PoolServer;
import dev.explorer.pool.targets.TargetWriter;
import dev.explorer.report.cli.ReportCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code explorer demo}: the embedded default end to end on a fresh machine. Installs the data if
 * missing, builds the offline pool if missing, writes the default target, serves the pool on a
 * free loopback port in this process, runs the {@code demo} preset and prints a summary.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The embedded default end to end: install data and build the offline pool if missing, serve it on",
            "loopback, explore it for the default target (Twitter-style animal emoji) with the demo preset, and summarise.",
            "Settings layer as usual over --preset demo (e.g. --set run.iterations=5)."})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ConfigOptions config;

    @Option(names = "--no-install", description = "Fail instead of running scripts/install-data when the sources are missing.")
    boolean noInstall;

    @Override
    public Integer call() throws Exception {
        List<String> extra = new ArrayList<>();
        if (!config.explicitPreset()) {
            config.usePreset("demo");
        }
        ExplorerConfig base = config.load(List.of());
        Path cache = base.run().resolvedCacheDir();
        Path pool = PoolDirs.pool(base, null);
        Path targets = PoolDirs.targets(base, null);
        Path t1 = targets.resolve(TargetWriter.T1);

        if (!Files.exists(pool.resolve(PoolLayout.MANIFEST)) || !Files.isDirectory(t1.resolve("train"))) {
            ensureData(cache);
        }
        if (!Files.exists(pool.resolve(PoolLayout.MANIFEST))) {
            step("building the offline pool in " + pool + " (once; a few minutes)");
            int rc = sub(new BuildCommand(), "--out", pool.toString());
            if (rc != 0) {
                return rc;
            }
        }
        if (!Files.isDirectory(t1.resolve("train"))) {
            step("writing the default targets to " + targets);
            int rc = sub(new TargetsCommand(), "--out", targets.toString());
            if (rc != 0) {
                return rc;
            }
        }
        try (PoolServer server = PoolServer.start(pool, "127.0.0.1", 0)) {
            step("pool server on " + server.uri());
            extra.add("search.endpoint=" + stripSlash(server.uri().toString()));
            if (base.target().dir() == null) {
                extra.add("target.dir=" + t1.resolve("train"));
            }
            if (base.run().name().equals("demo")) {
                extra.add("run.name=demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            }
            ExplorerConfig c = config.load(extra);
            Path start = PoolStart.resolve(c, line -> step(line));
            if (start != null) {
                extra.add("encoder.init=" + start);
                c = config.load(extra);
            }
            Path dir = c.run().runDirectory();
            step("exploring: " + c.run().iterations() + " iterations x " + c.search().queriesPerIteration() + " queries, run "
                    + dir);
            try (Session s = Session.start(c)) {
                s.exploration().runToEnd();
            }
            CommandLine report = new CommandLine(new ReportCommand());
            report.setOut(spec.commandLine().getOut());
            report.setErr(spec.commandLine().getErr());
            report.execute(dir.toString(), "--ground-truth", pool.toString(), "--relevant", "animal,plant");
            spec.commandLine().getOut().println();
            spec.commandLine().getOut().println("run directory: " + dir);
            spec.commandLine().getOut().println("report:        " + dir.resolve("report.html"));
        }
        return 0;
    }

    private void ensureData(Path cache) throws IOException, InterruptedException {
        String home = System.getenv("EXPLORER_HOME");
        Path script = home == null ? null : Path.of(home, "scripts", "install-data");
        if (noInstall || script == null || !Files.isExecutable(script)) {
            step("checking installed data (run scripts/install-data if a source is reported missing)");
            return;
        }
        step("installing data by package name: " + script);
        ProcessBuilder pb = new ProcessBuilder(script.toString()).inheritIO();
        pb.environment().put("EXPLORER_CACHE", cache.toString());
        int rc = pb.start().waitFor();
        if (rc != 0) {
            throw new UsageException(script + " failed (exit " + rc + "); run it by hand to see why");
        }
    }

    private int sub(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(spec.commandLine().getOut());
        cl.setErr(spec.commandLine().getErr());
        cl.setExecutionExceptionHandler(spec.commandLine().getExecutionExceptionHandler());
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--preset");
        all.add(config.preset());
        if (config.file() != null) {
            all.add("--config");
            all.add(config.file().toString());
        }
        for (String s : config.sets()) {
            all.add("--set");
            all.add(s);
        }
        return cl.execute(all.toArray(String[]::new));
    }

    private void step(String s) {
        spec.commandLine().getErr().println("demo: " + s);
        spec.commandLine().getErr().flush();
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
