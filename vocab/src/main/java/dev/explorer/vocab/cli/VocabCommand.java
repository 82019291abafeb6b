package dev.explorer.vocab.cli;

import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.cli.ConfigOptions;
import dev.explorer.config.cli.UsageException;
import dev.explorer.vocab.Concept;
import dev.explorer.vocab.ConceptEmbeddings;
import dev.explorer.vocab.EmbeddingFile;
import dev.explorer.vocab.LabelSetPruner;
import dev.explorer.vocab.MiniLmEncoder;
import dev.explorer.vocab.Vocabularies;
import dev.explorer.vocab.Vocabulary;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code explorer vocab ...}: look at the action space and at how the GP will generalise over it. */
@Command(name = "vocab", mixinStandardHelpOptions = true,
        description = "Inspect the vocabulary (WordNet noun senses or a user file) and its text embeddings.",
        subcommands = {VocabCommand.Show.class, VocabCommand.Nearest.class, VocabCommand.Embed.class,
                VocabCommand.Stats.class, VocabCommand.Prune.class, VocabCommand.Bench.class})
public final class VocabCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: show, nearest, embed, stats, prune or bench");
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print every sense of a lemma with its id, lexical file and the text that is embedded.")
    static final class Show implements Runnable {
        @Mixin
        ConfigOptions config;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "LEMMA", description = "e.g. \"golden retriever\"")
        String lemma;

        @Override
        public void run() {
            Vocabulary v = Vocabularies.load(config.load());
            List<Concept> senses = v.withLemma(lemma);
            if (senses.isEmpty()) {
                throw new UsageException("No concept '" + lemma + "' in " + v + suggestions(v, lemma));
            }
            PrintWriter out = spec.commandLine().getOut();
            for (Concept c : senses) {
                out.printf("%s\t%s\t%s%n", c.id(), c.lexicalFile(), c.text());
            }
            out.flush();
        }
    }

    @Command(name = "nearest", mixinStandardHelpOptions = true,
            description = {"The concepts whose text embeddings are closest to a query: what the GP will treat as similar.",
                    "A query that names a concept uses that concept's text (first sense; pick one with --id);",
                    "any other query is embedded as plain text."})
    static final class Nearest implements Runnable {
        @Mixin
        ConfigOptions config;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "QUERY")
        String query;
        @Option(names = {"-n", "--count"}, defaultValue = "20", description = "How many neighbours (default ${DEFAULT-VALUE}).")
        int count;
        @Option(names = "--id", description = "Use the concept with this id (see `vocab show`).")
        String id;
        @Option(names = "--plain", description = "Embed the query as plain text even when it names a concept.")
        boolean plain;

        @Override
        public void run() {
            if (count < 1) {
                throw new UsageException("-n must be at least 1, got " + count);
            }
            ExplorerConfig cfg = config.load();
            Vocabulary v = Vocabularies.load(cfg);
            int self = -1;
            if (id != null) {
                self = v.indexOf(id);
                if (self < 0) {
                    throw new UsageException("No concept with id " + id + " in " + v + "; list ids with: explorer vocab show \""
                            + query + "\"");
                }
            } else if (!plain && !v.indicesOfLemma(query).isEmpty()) {
                self = v.indicesOfLemma(query).get(0);
            }
            warnIfUncached(cfg, v, spec.commandLine().getErr());
            PrintWriter out = spec.commandLine().getOut();
            try (ConceptEmbeddings e = Vocabularies.embeddings(cfg, v)) {
                float[] q = self >= 0 ? e.row(self) : e.embedText(query);
                out.printf("query: %s%n", self >= 0 ? v.get(self).id() + "  " + v.get(self).text() : query);
                final int skip = self;
                int rank = 0;
                for (ConceptEmbeddings.Neighbour nb : e.nearest(q, count, i -> i == skip)) {
                    Concept c = nb.concept();
                    out.printf(Locale.ROOT, "%3d  %.3f  %-13s %-16s %s%s%n", ++rank, nb.score(), c.id(), c.lexicalFile(),
                            c.lemma(), c.hypernym() == null ? "" : " (" + c.hypernym() + ")");
                }
            }
            out.flush();
        }
    }

    @Command(name = "embed", mixinStandardHelpOptions = true,
            description = "Compute (or check) the cached text embeddings of the configured vocabulary, with a progress bar.")
    static final class Embed implements Runnable {
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
            Path file = Vocabularies.cacheFile(cfg.run().resolvedCacheDir(), v);
            if (force) {
                try {
                    Files.deleteIfExists(file);
                } catch (java.io.IOException ex) {
                    throw new UsageException("Cannot delete " + file + ": " + ex.getMessage());
                }
            }
            boolean wasCached = cacheState(file, v).startsWith("cached");
            Path fullFile = cfg.run().resolvedCacheDir().resolve("vocab")
                    .resolve(dev.explorer.vocab.WordNetNouns.NAME + ConceptEmbeddings.FILE_SUFFIX);
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

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Concepts per lexical file of the configured vocabulary, and the state of its embedding cache.")
    static final class Stats implements Runnable {
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
            Path file = Vocabularies.cacheFile(cfg.run().resolvedCacheDir(), v);
            out.printf("embeddings: %s%n", cacheState(file, v));
            out.flush();
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Label-set mode: keep the concepts closest to the given class names (vocab.labelSetKeep of them).")
    static final class Prune implements Runnable {
        @Mixin
        ConfigOptions config;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "CLASS", arity = "1..*", description = "Class names, e.g. sandal sneaker \"ankle boot\"")
        List<String> classes;
        @Option(names = {"-n", "--show"}, defaultValue = "30", description = "How many kept concepts to print (default ${DEFAULT-VALUE}).")
        int show;

        @Override
        public void run() {
            ExplorerConfig cfg = config.load();
            Vocabulary v = Vocabularies.load(cfg);
            warnIfUncached(cfg, v, spec.commandLine().getErr());
            PrintWriter out = spec.commandLine().getOut();
            try (ConceptEmbeddings e = Vocabularies.embeddings(cfg, v)) {
                LabelSetPruner.Result r = LabelSetPruner.prune(e, classes, cfg.vocab().labelSetKeep());
                out.printf(Locale.ROOT, "kept %d of %d concepts (keep %.3f, k = %d of %d classes)%n", r.rows().length,
                        v.size(), cfg.vocab().labelSetKeep(), r.k(), classes.size());
                for (int i = 0; i < Math.min(show, r.rows().length); i++) {
                    Concept c = v.get(r.rows()[i]);
                    out.printf(Locale.ROOT, "%4d  %.3f  %-13s %s%s%n", i + 1, r.scores()[r.rows()[i]], c.id(), c.lemma(),
                            c.hypernym() == null ? "" : " (" + c.hypernym() + ")");
                }
            }
            out.flush();
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Measure text-embedding throughput on a seeded sample of concept texts for several batch sizes and thread counts.")
    static final class Bench implements Runnable {
        @Mixin
        ConfigOptions config;
        @Spec
        CommandSpec spec;
        @Option(names = "--count", defaultValue = "2000", description = "Concepts per measurement (default ${DEFAULT-VALUE}).")
        int count;
        @Option(names = "--batch", split = ",", defaultValue = "1,32,64", description = "Batch sizes (default ${DEFAULT-VALUE}).")
        List<Integer> batches;
        @Option(names = "--threads", split = ",", defaultValue = "0", description = "ONNX Runtime threads, 0 = one per core (default ${DEFAULT-VALUE}).")
        List<Integer> threads;
        @Option(names = "--rounds", defaultValue = "2", description = "Alternating rounds over all settings (default ${DEFAULT-VALUE}).")
        int rounds;
        @Option(names = "--langchain4j", description = "Also time langchain4j's own AllMiniLmL6V2EmbeddingModel.embedAll (the baseline).")
        boolean baseline;

        @Override
        public void run() {
            ExplorerConfig cfg = config.load();
            Vocabulary v = Vocabularies.load(cfg);
            List<String> texts = new ArrayList<>(v.texts());
            Collections.shuffle(texts, new Random(cfg.run().seed()));
            texts = texts.subList(0, Math.min(count, texts.size()));
            PrintWriter out = spec.commandLine().getOut();
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            out.printf("%d concept texts from %s, %d rounds; cpu-s counts this process on all cores%n", texts.size(), v.name(), rounds);
            for (int round = 1; round <= rounds; round++) {
                if (baseline) {
                    var model = new dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel();
                    List<dev.langchain4j.data.segment.TextSegment> segs = texts.stream()
                            .map(dev.langchain4j.data.segment.TextSegment::from).toList();
                    model.embedAll(segs.subList(0, Math.min(64, segs.size()))); // warm-up
                    long c0 = os.getProcessCpuTime();
                    long w0 = System.nanoTime();
                    model.embedAll(segs);
                    double wall = (System.nanoTime() - w0) / 1e9;
                    double cpu = (os.getProcessCpuTime() - c0) / 1e9;
                    out.printf(Locale.ROOT, "round %d langchain4j embedAll  : %7.1f concepts/s  %7.1f concepts/cpu-s  load %.2f%n",
                            round, texts.size() / wall, texts.size() / cpu, os.getSystemLoadAverage());
                    out.flush();
                }
                for (int t : threads) {
                    try (MiniLmEncoder enc = new MiniLmEncoder(t, MiniLmEncoder.DEFAULT_MAX_TOKENS)) {
                        enc.embedFlat(texts.subList(0, Math.min(64, texts.size())), 32, null); // warm-up
                        for (int b : batches) {
                            long c0 = os.getProcessCpuTime();
                            long w0 = System.nanoTime();
                            enc.embedFlat(texts, b, null);
                            double wall = (System.nanoTime() - w0) / 1e9;
                            double cpu = (os.getProcessCpuTime() - c0) / 1e9;
                            out.printf(Locale.ROOT, "round %d threads %d batch %4d: %7.1f concepts/s  %7.1f concepts/cpu-s  load %.2f%n",
                                    round, enc.threads(), b, texts.size() / wall, texts.size() / cpu, os.getSystemLoadAverage());
                            out.flush();
                        }
                    }
                }
            }
        }
    }

    static String cacheState(Path file, Vocabulary v) {
        if (!Files.isRegularFile(file)) {
            return "not cached (" + file + "); compute with: explorer vocab embed";
        }
        try {
            EmbeddingFile.Header h = EmbeddingFile.header(file);
            boolean ok = h.vocabularyHash().equals(v.hash()) && h.modelId().equals(Vocabularies.modelId())
                    && h.count() == v.size() && Files.size(file) == h.headerBytes() + (long) h.count() * h.dim() * 4;
            return (ok ? "cached " : "STALE (will be recomputed) ") + h.count() + " x " + h.dim() + " in " + file;
        } catch (java.io.IOException e) {
            return "unreadable (" + e.getMessage() + "); will be recomputed";
        }
    }

    static void warnIfUncached(ExplorerConfig cfg, Vocabulary v, PrintWriter err) {
        Path file = Vocabularies.cacheFile(cfg.run().resolvedCacheDir(), v);
        Path full = cfg.run().resolvedCacheDir().resolve("vocab").resolve(dev.explorer.vocab.WordNetNouns.NAME
                + ConceptEmbeddings.FILE_SUFFIX);
        if (!Files.isRegularFile(file) && !Files.isRegularFile(full) && v.size() > 5_000) {
            err.printf(Locale.ROOT, "note: no cached embeddings for %s; embedding %d concepts first (about %d min on 2 cores)%n",
                    v.name(), v.size(), Math.max(1, v.size() / 200 / 60));
            err.flush();
        }
    }

    /** Lemmas within two edits of the query, else lemmas it is a prefix of (at most 8). */
    static String suggestions(Vocabulary v, String lemma) {
        String q = lemma.trim().toLowerCase(Locale.ROOT);
        java.util.Set<String> close = new java.util.LinkedHashSet<>();
        java.util.Set<String> prefixed = new java.util.LinkedHashSet<>();
        for (Concept c : v.concepts()) {
            String l = c.lemma().toLowerCase(Locale.ROOT);
            if (close.size() < 8 && Math.abs(l.length() - q.length()) <= 2 && editDistance(l, q, 2) <= 2) {
                close.add(c.lemma());
            } else if (prefixed.size() < 8 && l.startsWith(q)) {
                prefixed.add(c.lemma());
            }
        }
        java.util.Set<String> pick = close.isEmpty() ? prefixed : close;
        return (pick.isEmpty() ? "" : "; did you mean: " + String.join(", ", pick))
                + "; or search by meaning: explorer vocab nearest \"" + lemma + "\"";
    }

    /** Levenshtein distance, giving up (returning max + 1) once it must exceed {@code max}. */
    static int editDistance(String a, String b, int max) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
