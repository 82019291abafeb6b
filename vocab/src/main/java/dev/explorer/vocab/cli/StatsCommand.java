package dev.explorer.vocab.cli;

import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.cli.ConfigOptions;
import dev.explorer.vocab.Vocabularies;
import dev.explorer.vocab.Vocabulary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code explorer vocab stats}: concepts per lexical file and the cache state. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Concepts per lexical file of the configured vocabulary, and the state of its embedding cache.")
final class StatsCommand implements Runnable {
    @Mixin
    ConfigOptions config;
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        ExplorerConfig cfg = config.load();
        Vocabulary v = Vocabularies.load(cfg);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("vocabulary: %s%n", v.name());
        for (Map.Entry<String, Integer> en : v.summary().entrySet()) {
            out.printf("  %-20s %7d%n", en.getKey(), en.getValue());
        }
        Path file = Vocabularies.cacheFile(cfg, v);
        out.printf("embeddings: %s%n", VocabCommand.cacheState(file, v, Vocabularies.modelId(cfg)));
        out.flush();
    }
}
