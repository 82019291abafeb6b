package dev.explorer.pool.cli;

import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.cli.ConfigOptions;
import dev.explorer.config.cli.UsageException;
import dev.explorer.pool.server.PoolServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code explorer pool serve}. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a pool's search over HTTP on loopback until interrupted (pool.host, pool.port).")
public final class ServeCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Mixin
    BuiltPool pool;

    @Option(names = "--threads", paramLabel = "N", description = "HTTP worker threads (default 2 x cores, at least 4).")
    Integer threads;

    @Option(names = "--oracle-topics", split = ",", paramLabel = "TOPIC",
            description = "Upper reference for experiments, NOT a method: answer every search with pool images of these"
                    + " ground-truth topics (eval.jsonl), e.g. footwear.")
    java.util.List<String> oracleTopics = new java.util.ArrayList<>();

    @Option(names = "--oracle-sources", split = ",", paramLabel = "SOURCE",
            description = "As --oracle-topics, by the images' source (e.g. fashion-mnist); with both, an image needs both.")
    java.util.List<String> oracleSources = new java.util.ArrayList<>();

    @Option(names = "--oracle-seed", paramLabel = "N", description = "Seed of each query's order of the oracle's images (default 0).")
    long oracleSeed;

    @Override
    public Integer call() throws Exception {
        ExplorerConfig c = config.load();
        Path dir = pool.dir(c);
        int t = threads != null ? threads : Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        PoolServer.OracleSpec oracle = oracleTopics.isEmpty() && oracleSources.isEmpty() ? null
                : new PoolServer.OracleSpec(java.util.Set.copyOf(oracleTopics), java.util.Set.copyOf(oracleSources), oracleSeed);
        PoolServer server;
        try {
            server = PoolServer.start(dir, c.pool().host(), c.pool().port(), t, oracle);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
            stop.countDown();
        }));
        if (server.oracle() != null) {
            System.out.println("ORACLE (an upper reference, not a method): every search answers with "
                    + server.oracle().description());
        }
        System.out.println("serving " + server.searcher().size() + " images at " + server.uri()
                + "  (try " + server.uri() + "/search.html?q=bird; Ctrl-C stops)");
        System.out.flush();
        stop.await();
        return 0;
    }
}
