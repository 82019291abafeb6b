package dev.explorer.vocab.cli;

import dev.explorer.config.ExplorerConfig;
import dev.explorer.vocab.ConceptEmbeddings;
import dev.explorer.vocab.EmbeddingFile;
import dev.explorer.vocab.Vocabularies;
import dev.explorer.vocab.Vocabulary;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code explorer vocab ...}: look at the action space and at how the GP will generalise over it. */
@Command(name = "vocab", mixinStandardHelpOptions = true,
        description = "Inspect the vocabulary (WordNet noun senses or a user file) and its text embeddings.",
        subcommands = {ShowCommand.class, NearestCommand.class, EmbedCommand.class, StatsCommand.class, PruneCommand.class,
                BenchCommand.class})
public final class VocabCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: show, nearest, embed, stats, prune or bench");
    }

    static String cacheState(Path file, Vocabulary v, String modelId) {
        if (!Files.isRegularFile(file)) {
            return "not cached (" + file + "); compute with: explorer vocab embed";
        }
        try {
            EmbeddingFile.Header h = EmbeddingFile.header(file);
            boolean ok = h.vocabularyHash().equals(v.hash()) && h.modelId().equals(modelId)
                    && h.count() == v.size() && Files.size(file) == h.headerBytes() + (long) h.count() * h.dim() * 4;
            return (ok ? "cached " : "STALE (will be recomputed) ") + h.count() + " x " + h.dim() + " in " + file;
        } catch (java.io.IOException e) {
            return "unreadable (" + e.getMessage() + "); will be recomputed";
        }
    }

    static void warnIfUncached(ExplorerConfig cfg, Vocabulary v, PrintWriter err) {
        Path file = Vocabularies.cacheFile(cfg, v);
        Path full = Vocabularies.cacheFile(cfg.run().resolvedCacheDir(), dev.explorer.vocab.WordNetNouns.NAME,
                Vocabularies.variant(cfg));
        if (!Files.isRegularFile(file) && !Files.isRegularFile(full) && v.size() > 5_000) {
            // 135 concepts per CPU-second measured for the float32 encoder (README benchmarks): about
            // 270/s on 2 quiet cores, half that when another job holds a core
            err.printf(Locale.ROOT, "note: no cached embeddings for %s; embedding %d concepts first (about %d-%d min on 2"
                    + " cores, the longer when other jobs run)%n", v.name(), v.size(), Math.max(1, v.size() / 270 / 60),
                    Math.max(1, v.size() / 135 / 60));
            err.flush();
        }
    }

}
