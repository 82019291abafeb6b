package dev.explorer.vocab.cli;

import dev.explorer.config.cli.ConfigOptions;
import dev.explorer.config.cli.UsageException;
import dev.explorer.vocab.Concept;
import dev.explorer.vocab.Vocabularies;
import dev.explorer.vocab.Vocabulary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code explorer vocab show}: every sense of a lemma. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print every sense of a lemma with its id, lexical file and the text that is embedded.")
final class ShowCommand implements Runnable {
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
