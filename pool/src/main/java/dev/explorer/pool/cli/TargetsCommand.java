package dev.explorer.pool.cli;

import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.cli.ConfigOptions;
import dev.explorer.config.cli.UsageException;
import dev.explorer.pool.source.EmojiMeta;
import dev.explorer.pool.source.FashionMnistSource;
import dev.explorer.pool.source.Sources;
import dev.explorer.pool.targets.TargetWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code explorer pool targets}. */
@Command(name = "targets", mixinStandardHelpOptions = true,
        description = {"Write the embedded targets as <out>/<name>/{train,test}/, a labels.csv in each.",
                "  t1-emoji-animals: Twitter-style emoji, Animals & Nature, no skin tones (not in the pool)",
                "  t3-fashion-footwear: Fashion-MNIST test footwear, a seeded sample",
                "  t3-large-fashion-footwear: all 3,000 test footwear: 498 for the agent, 2,502 labelled test",
                "  t4-fashion-mnist: all ten Fashion-MNIST test classes: 500 for the agent, 2,000 labelled test",
                "  t4-small-fashion-mnist: t4 with 5 images per class for the agent (50), the same 2,000 test",
                "The pool holds only Fashion-MNIST's train split."})
public final class TargetsCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder (default <cache>/targets).")
    Path out;

    @Option(names = "--t3-sample", paramLabel = "N", defaultValue = "300",
            description = "T3 images sampled from the 3,000 test footwear images (0 = all). Default ${DEFAULT-VALUE}.")
    int t3Sample;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.5",
            description = "Fraction of each class in the test part. Default ${DEFAULT-VALUE}.")
    double testFraction;

    @Override
    public Integer call() throws Exception {
        ExplorerConfig c = config.load();
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new UsageException("--test-fraction " + testFraction + " must be between 0 and 1");
        }
        if (t3Sample < 0) {
            throw new UsageException("--t3-sample must be 0 (all) or more");
        }
        Path dir = PoolDirs.targets(c, out);
        long seed = c.run().seed();
        Path npm = Sources.npmModules(c.run().resolvedCacheDir());
        TargetWriter w = new TargetWriter(seed, testFraction);
        try {
            print(w.write(dir, TargetWriter.T1, TargetWriter.t1(npm.resolve("emoji-datasource-twitter"),
                    EmojiMeta.load(npm.resolve("emojibase-data")))), dir);
            print(w.write(dir, TargetWriter.T3, TargetWriter.t3(FashionMnistSource.DEFAULT_ROOT, t3Sample, seed)), dir);
            print(w.write(dir, TargetWriter.T3_LARGE,
                    TargetWriter.fashion(FashionMnistSource.DEFAULT_ROOT, TargetWriter.FOOTWEAR, 166, 0, seed)), dir);
            TargetWriter.Split t4 = TargetWriter.fashion(FashionMnistSource.DEFAULT_ROOT, TargetWriter.ALL_FASHION, 50, 200,
                    seed);
            print(w.write(dir, TargetWriter.T4, t4), dir);
            print(w.write(dir, TargetWriter.T4_SMALL, TargetWriter.fewer(t4, 5)), dir);
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage());
        }
        return 0;
    }

    private static void print(TargetWriter.Written w, Path dir) {
        System.out.println(w.name() + ": train " + w.train() + ", test " + w.test() + ", classes " + w.perClass()
                + " -> " + dir.resolve(w.name()));
    }
}
