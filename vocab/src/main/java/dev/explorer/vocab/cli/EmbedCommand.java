package dev.explorer.vocab.cli;

import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.cli.ConfigOptions;
import dev.explorer.config.cli.UsageException;
import dev.explorer.vocab.ConceptEmbeddings;
import dev.explorer.vocab.Vocabularies;
import dev.explorer.vocab.Vocabulary;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code explorer vocab embed}: compute or check the cached embeddings. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Compute (or check) the cached text embeddings of the configured vocabulary, with a progress bar.")
final class EmbedCommand implements Runnable {
    @Mixin
    ConfigOptions config;
    @Spec
    CommandSpec spec;
    @Option(names = "--force", description = "Recompute even when a valid cache exists.")
    boolean force;

    @Override
    public void run() {
        ExplorerConfig cfg = config.load();
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        Vocabulary v = Vocabularies.load(cfg);
        double loadSecs = (System.nanoTime() - t0) / 1e9;
        Path file = Vocabularies.cacheFile(cfg, v);
        if (force) {
            try {
                Files.deleteIfExists(file);
            } catch (java.io.IOException ex) {
                throw new UsageException("Cannot delete " + file + ": " + ex.getMessage());
            }
        }
        boolean wasCached = VocabCommand.cacheState(file, v, Vocabularies.modelId(cfg)).startsWith("cached");
        Path fullFile = Vocabularies.cacheFile(cfg.run().resolvedCacheDir(),
                dev.explorer.vocab.WordNetNouns.NAME, Vocabularies.variant(cfg));
        boolean sliced = !wasCached && v.name().startsWith(dev.explorer.vocab.WordNetNouns.NAME + "-")
                && Files.isRegularFile(fullFile);
        long t1 = System.nanoTime();
        try (ConceptEmbeddings e = Vocabularies.embeddings(cfg, v)) {
            double secs = (System.nanoTime() - t1) / 1e9;
            out.printf(Locale.ROOT, "vocabulary: %s (%d concepts, read in %.2f s)%n", v.name(), v.size(), loadSecs);
            out.printf(Locale.ROOT, "model: %s%n", e.modelId());
            if (Files.isRegularFile(file)) {
                out.printf(Locale.ROOT, "cache: %s (%d MB)%n", file, Files.size(file) >> 20);
            }
            if (wasCached) {
                out.printf(Locale.ROOT, "loaded %d x %d in %.2f s%n", e.size(), e.dim(), secs);
            } else if (sliced && !Files.isRegularFile(file)) {
                out.printf(Locale.ROOT, "took %d x %d rows from the full WordNet cache %s in %.2f s%n", e.size(), e.dim(),
                        fullFile, secs);
            } else {
                out.printf(Locale.ROOT, "embedded %d x %d in %.2f s (%.0f concepts/s)%n", e.size(), e.dim(), secs,
                        e.size() / secs);
            }
        } catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
        out.flush();
    }
}
