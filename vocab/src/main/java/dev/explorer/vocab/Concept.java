package dev.explorer.vocab;

import java.util.Objects;

/**
 * One searchable concept: a WordNet noun sense (lemma + synset) or one line of a user vocabulary.
 *
 * @param id           stable id: {@code n<offset 8 digits>.<word number>} for WordNet 3.1 senses
 *                     (e.g. {@code n02086723.1} for "dog" the animal); the query itself for user entries
 * @param lemma        the query words, underscores already turned into spaces ("golden retriever")
 * @param synsetOffset WordNet 3.1 synset offset; -1 for user entries
 * @param hypernym     first word of the first (instance) hypernym synset; null for roots and user entries
 * @param definition   the gloss without its quoted examples; empty for user entries
 * @param lexicalFile  WordNet lexical file ("noun.animal"); {@link #USER_LEXICAL_FILE} for user entries
 */
public record Concept(String id, String lemma, long synsetOffset, String hypernym, String definition,
                      String lexicalFile) {

    /** Lexical-file value of concepts read from a user vocabulary file. */
    public static final String USER_LEXICAL_FILE = "user";

    public Concept {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lemma, "lemma");
        definition = definition == null ? "" : definition;
        Objects.requireNonNull(lexicalFile, "lexicalFile");
    }

    /** A user-vocabulary concept: the query is its own id and its own text. */
    public static Concept user(String query) {
        return new Concept(query, query, -1, null, "", USER_LEXICAL_FILE);
    }

    public boolean isUser() {
        return synsetOffset < 0;
    }

    /**
     * The text that is embedded, exactly the paper's template {@code {lemma} ({hypernym}): {definition}}.
     * User entries are their plain lemma; the single WordNet root ("entity") has no hypernym and
     * reads {@code {lemma}: {definition}}.
     */
    public String text() {
        if (definition.isEmpty()) {
            return lemma;
        }
        if (hypernym == null) {
            return lemma + ": " + definition;
        }
        return lemma + " (" + hypernym + "): " + definition;
    }
}
