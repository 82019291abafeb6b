package dev.explorer.vocab;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * An ordered, immutable list of concepts: the agent's action space. Row {@code i} of
 * {@link ConceptEmbeddings} belongs to {@code get(i)}.
 */
public final class Vocabulary {

    private final String name;
    private final List<Concept> concepts;
    private final Map<String, Integer> indexById;
    private volatile Map<String, List<Integer>> indexByLemma;
    private volatile String hash;

    /**
     * @param name short, file-name-safe name used for cache files (e.g. {@code wordnet31-nouns})
     * @throws IllegalArgumentException when two concepts share an id
     */
    public Vocabulary(String name, List<Concept> concepts) {
        this.name = name;
        this.concepts = List.copyOf(concepts);
        Map<String, Integer> byId = new HashMap<>(concepts.size() * 2);
        for (int i = 0; i < this.concepts.size(); i++) {
            Integer previous = byId.put(this.concepts.get(i).id(), i);
            if (previous != null) {
                throw new IllegalArgumentException("Duplicate concept id '" + this.concepts.get(i).id()
                        + "' in vocabulary " + name + " (rows " + previous + " and " + i + ")");
            }
        }
        this.indexById = byId;
    }

    public String name() {
        return name;
    }

    public int size() {
        return concepts.size();
    }

    public Concept get(int index) {
        return concepts.get(index);
    }

    public List<Concept> concepts() {
        return concepts;
    }

    /** The embedded text of every concept, in row order. */
    public List<String> texts() {
        List<String> texts = new ArrayList<>(concepts.size());
        for (Concept c : concepts) {
            texts.add(c.text());
        }
        return texts;
    }

    /** Row of the concept with this id, or -1. */
    public int indexOf(String id) {
        Integer i = indexById.get(id);
        return i == null ? -1 : i;
    }

    /** Rows whose lemma equals {@code lemma} ignoring case (and underscores vs spaces), in row order. */
    public List<Integer> indicesOfLemma(String lemma) {
        Map<String, List<Integer>> byLemma = indexByLemma;
        if (byLemma == null) {
            byLemma = new HashMap<>(concepts.size() * 2);
            for (int i = 0; i < concepts.size(); i++) {
                byLemma.computeIfAbsent(normalise(concepts.get(i).lemma()), k -> new ArrayList<>(1)).add(i);
            }
            indexByLemma = byLemma;
        }
        return byLemma.getOrDefault(normalise(lemma), List.of());
    }

    public List<Concept> withLemma(String lemma) {
        List<Concept> out = new ArrayList<>();
        for (int i : indicesOfLemma(lemma)) {
            out.add(concepts.get(i));
        }
        return out;
    }

    /** Concepts that pass {@code keep}, in the same order, under a new name. */
    public Vocabulary filter(String newName, Predicate<Concept> keep) {
        List<Concept> kept = new ArrayList<>();
        for (Concept c : concepts) {
            if (keep.test(c)) {
                kept.add(c);
            }
        }
        return new Vocabulary(newName, kept);
    }

    /** The given rows, in the given order, under a new name. */
    public Vocabulary select(String newName, int[] rows) {
        List<Concept> kept = new ArrayList<>(rows.length);
        for (int r : rows) {
            kept.add(concepts.get(r));
        }
        return new Vocabulary(newName, kept);
    }

    /**
     * Only the senses from these WordNet lexical files (e.g. {@code noun.animal}).
     *
     * @throws IllegalArgumentException naming the unknown file and the known ones
     */
    public Vocabulary lexicalFiles(List<String> files) {
        if (files == null || files.isEmpty()) {
            return this;
        }
        Map<String, Integer> counts = lexicalFileCounts();
        Set<String> wanted = new HashSet<>();
        for (String f : files) {
            String key = f.trim();
            if (!counts.containsKey(key)) {
                throw new IllegalArgumentException("Unknown lexical file '" + f + "' in vocabulary " + name
                        + "; known: " + String.join(", ", counts.keySet()));
            }
            wanted.add(key);
        }
        List<String> sorted = new ArrayList<>(wanted);
        Collections.sort(sorted);
        String suffix = String.join("+", sorted).replace("noun.", "");
        return filter(name + "-" + suffix, c -> wanted.contains(c.lexicalFile()));
    }

    /**
     * A fixed pseudo-random subset of {@code n} concepts, in the original order, named
     * {@code <name>-sample<n>}: the n whose ids hash lowest (SHA-256), so the subset does not depend
     * on row order, and a smaller sample lies inside a larger one. The whole vocabulary when it
     * holds n concepts or fewer.
     */
    public Vocabulary sample(int n) {
        if (n <= 0 || n >= concepts.size()) {
            return this;
        }
        MessageDigest md = sha256();
        long[] keys = new long[concepts.size()];
        for (int i = 0; i < keys.length; i++) {
            // the first 8 bytes of SHA-256(id): digest() resets md for the next id
            keys[i] = ByteBuffer.wrap(md.digest(concepts.get(i).id().getBytes(StandardCharsets.UTF_8))).getLong();
        }
        long[] sorted = keys.clone();
        Arrays.sort(sorted);
        long threshold = sorted[n - 1];
        int[] rows = new int[n];
        int k = 0;
        for (int i = 0; i < keys.length && k < n; i++) {
            if (keys[i] <= threshold) {
                rows[k++] = i;
            }
        }
        return select(name + "-sample" + n, rows);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }

    /** Number of concepts per lexical file, sorted by name. */
    public Map<String, Integer> lexicalFileCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Concept c : concepts) {
            counts.merge(c.lexicalFile(), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * SHA-256 over ids and embedded texts in row order: two vocabularies with the same hash embed
     * to the same matrix. Cached embeddings record it so a changed vocabulary is never served stale.
     */
    public String hash() {
        String h = hash;
        if (h == null) {
            MessageDigest md = sha256();
            for (Concept c : concepts) {
                md.update(c.id().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(c.text().getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            StringBuilder sb = new StringBuilder(64);
            for (byte b : md.digest()) {
                sb.append(String.format(Locale.ROOT, "%02x", b));
            }
            h = sb.toString();
            hash = h;
        }
        return h;
    }

    /** Counts per lexical file, then the total, for logs. */
    public Map<String, Integer> summary() {
        Map<String, Integer> s = new LinkedHashMap<>(lexicalFileCounts());
        s.put("total", size());
        return s;
    }

    static String normalise(String lemma) {
        return lemma.trim().replace('_', ' ').replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "Vocabulary[" + name + ", " + size() + " concepts]";
    }
}
