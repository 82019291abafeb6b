package dev.explorer.vocab.cli;

import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.cli.ConfigOptions;
import dev.explorer.config.cli.UsageException;
import dev.explorer.vocab.Concept;
import dev.explorer.vocab.ConceptEmbeddings;
import dev.explorer.vocab.Vocabularies;
import dev.explorer.vocab.Vocabulary;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code explorer vocab nearest}: the concepts nearest a query. */
@Command(name = "nearest", mixinStandardHelpOptions = true,
        description = {"The concepts whose text embeddings are closest to a query: what the GP will treat as similar.",
                "A query that names a concept uses that concept's text (first sense; pick one with --id);",
                "any other query is embedded as plain text."})
final class NearestCommand implements Runnable {
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
        VocabCommand.warnIfUncached(cfg, v, spec.commandLine().getErr());
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
