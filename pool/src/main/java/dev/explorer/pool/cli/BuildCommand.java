package dev.explorer.pool.cli;

import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.cli.ConfigOptions;
import dev.explorer.config.cli.UsageException;
import dev.explorer.pool.BuildReport;
import dev.explorer.pool.PoolBuilder;
import dev.explorer.pool.source.FolderSource;
import dev.explorer.pool.source.ListFileSource;
import dev.explorer.pool.source.Source;
import dev.explorer.pool.source.Sources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code explorer pool build}. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Build a pool: thumbnails, captions.jsonl, eval.jsonl (ground truth), a Lucene index.",
                "Without --folder/--list it builds web-v1 from the packages scripts/install-data installs."})
public final class BuildCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Pool directory (default: pool.dir, else <cache>/pool/web-v1).")
    Path out;

    @Option(names = "--folder", paramLabel = "NAME=DIR",
            description = "Add a folder of images with sidecar .txt/.json captions (img2dataset layout). Repeatable.")
    List<String> folders = new ArrayList<>();

    @Option(names = "--list", paramLabel = "NAME=FILE",
            description = "Add images listed in a .jsonl or .csv file (path, caption, tags, label). Repeatable.")
    List<String> lists = new ArrayList<>();

    @Option(names = "--with-web-v1", description = "Also include the web-v1 sources when --folder/--list are given.")
    boolean withWebV1;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "At most N images per source, spread over it (0 = all; small pools for trying things).")
    int limit;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--overwrite", description = "Replace an existing pool in the directory.")
    boolean overwrite;

    @Option(names = "--skip-missing", description = "Leave out sources that are not installed instead of failing.")
    boolean skipMissing;

    @Override
    public Integer call() throws Exception {
        ExplorerConfig c = config.load();
        Path dir = PoolDirs.pool(c, out);
        List<Source> sources = new ArrayList<>();
        for (String f : folders) {
            String[] kv = pair(f, "--folder");
            sources.add(new FolderSource(kv[0], Path.of(kv[1]), null));
        }
        for (String f : lists) {
            String[] kv = pair(f, "--list");
            sources.add(new ListFileSource(kv[0], Path.of(kv[1]), null));
        }
        if (sources.isEmpty() || withWebV1) {
            sources.addAll(0, Sources.webV1(c.run().resolvedCacheDir(), c.pool().licenceClean(), c.run().seed()));
        }
        for (Source s : sources) {
            if (!skipMissing && s.unavailableReason() != null) {
                throw new UsageException(s.unavailableReason() + "; or pass --skip-missing");
            }
        }
        PoolBuilder b = PoolBuilder.to(dir).name(sources.size() > 0 && folders.isEmpty() && lists.isEmpty()
                        ? "web-v1" : dir.getFileName().toString())
                .sources(sources).tagProbability(c.pool().tagProbability()).seed(c.run().seed())
                .limitPerSource(limit).overwrite(overwrite).skipUnavailable(skipMissing);
        if (threads != null) {
            b.threads(threads);
        }
        System.err.println("building pool in " + dir + " from " + sources.size() + " sources");
        BuildReport r;
        try {
            r = b.build();
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage());
        }
        System.out.print(r.table());
        System.out.println("pool: " + dir);
        return 0;
    }

    private static String[] pair(String s, String option) {
        int eq = s.indexOf('=');
        if (eq <= 0 || eq == s.length() - 1) {
            throw new UsageException(option + " '" + s + "' must be NAME=PATH, e.g. " + option + " mine=./images");
        }
        return new String[] {s.substring(0, eq), s.substring(eq + 1)};
    }
}
