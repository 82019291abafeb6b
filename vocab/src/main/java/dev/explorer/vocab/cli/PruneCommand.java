package dev.explorer.vocab.cli;

import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.cli.ConfigOptions;
import dev.explorer.vocab.Concept;
import dev.explorer.vocab.ConceptEmbeddings;
import dev.explorer.vocab.LabelSetPruner;
import dev.explorer.vocab.Vocabularies;
import dev.explorer.vocab.Vocabulary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code explorer vocab prune}: label-set pruning. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Label-set mode: keep the concepts closest to the given class names (vocab.labelSetKeep of them).")
final class PruneCommand implements Runnable {
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
        VocabCommand.warnIfUncached(cfg, v, spec.commandLine().getErr());
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
