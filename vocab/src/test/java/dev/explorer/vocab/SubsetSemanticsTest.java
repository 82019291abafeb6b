package dev.explorer.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.dictionary.Dictionary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nearest neighbours and label-set pruning on real embeddings of a seeded 2,000-concept sample of
 * noun.artifact (18,745 senses; embedding all of it would take minutes). Footwear is known from
 * WordNet itself: every hyponym of "footwear", so the test does not grade its own answers.
 */
class SubsetSemanticsTest {

    static final int SAMPLE = 2_000;
    static Vocabulary sample;
    static ConceptEmbeddings embeddings;
    static Set<Long> footwear;

    @BeforeAll
    static void embedSample() throws Exception {
        Vocabulary artifacts = TestData.wordnet().lexicalFiles(List.of("noun.artifact"));
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < artifacts.size(); i++) {
            rows.add(i);
        }
        Collections.shuffle(rows, new Random(42));
        int[] pick = rows.subList(0, SAMPLE).stream().mapToInt(Integer::intValue).sorted().toArray();
        sample = artifacts.select("artifact-sample", pick);
        // cached in the shared cache folder: the first run of the suite pays ~10 s (quiet 2-core CPU), later runs ~0
        Path file = TestData.cacheDir() == null ? null : TestData.cacheDir().resolve("vocab").resolve("test-artifact-sample.emb");
        embeddings = file == null ? ConceptEmbeddings.compute(sample, TestData.encoder(), 16)
                : ConceptEmbeddings.loadOrCompute(sample, file, TestData::encoder, TestData.encoder().modelId(), 16);
        footwear = hyponymClosure("footwear");
    }

    static Set<Long> hyponymClosure(String lemma) throws Exception {
        Dictionary dict = Dictionary.getDefaultResourceInstance();
        try {
            IndexWord w = dict.getIndexWord(POS.NOUN, lemma);
            Set<Long> out = new HashSet<>();
            Deque<Synset> todo = new ArrayDeque<>();
            for (Synset s : w.getSenses()) { // extjwnl's sense list does not support bulk copies (toArray is empty)
                todo.push(s);
            }
            while (!todo.isEmpty()) {
                Synset s = todo.pop();
                if (out.add(s.getOffset())) {
                    for (Pointer p : s.getPointers(PointerType.HYPONYM)) {
                        todo.push(p.getTargetSynset());
                    }
                }
            }
            return out;
        } finally {
            dict.close();
        }
    }

    long footwearIn(int[] rows) {
        long n = 0;
        for (int r : rows) {
            if (footwear.contains(sample.get(r).synsetOffset())) {
                n++;
            }
        }
        return n;
    }

    @Test
    void sneakerHasFootwearAmongItsNearestNeighbours() {
        Concept sneaker = TestData.wordnet().withLemma("sneaker").get(0);
        assertTrue(footwear.contains(sneaker.synsetOffset()), sneaker.toString());
        long inSample = sample.concepts().stream().filter(c -> footwear.contains(c.synsetOffset())).count();
        assertTrue(inSample >= 10, "the seeded sample should hold some footwear, holds " + inSample);

        List<ConceptEmbeddings.Neighbour> top = embeddings.nearest(embeddings.embedText(sneaker.text()), 20);
        int[] rows = top.stream().mapToInt(ConceptEmbeddings.Neighbour::index).toArray();
        long hits = footwearIn(rows);
        // by chance 20 * inSample / 2000 (about 0.1) would be footwear; the rest of a good top 20 is shoe parts
        assertTrue(hits >= 6, hits + " of the top 20 are footwear (" + inSample + " in the sample): " + top);
        int[] top100 = embeddings.nearest(embeddings.embedText(sneaker.text()), 100).stream()
                .mapToInt(ConceptEmbeddings.Neighbour::index).toArray();
        assertTrue(footwearIn(top100) >= 0.8 * inSample, footwearIn(top100) + " of " + inSample + " footwear in the top 100 (5%)");
        assertTrue(footwear.contains(top.get(0).concept().synsetOffset()), "the nearest is footwear: " + top.get(0));

        // a plain query with no WordNet text behaves the same
        List<ConceptEmbeddings.Neighbour> plain = embeddings.nearest(embeddings.embedText("sneaker"), 20);
        assertTrue(footwearIn(plain.stream().mapToInt(ConceptEmbeddings.Neighbour::index).toArray()) >= 5, plain.toString());
    }

    @Test
    void labelSetPruningKeepsTheFootwear() {
        LabelSetPruner.Result r = LabelSetPruner.prune(embeddings, List.of("sandal", "sneaker", "ankle boot"), 0.10);
        assertEquals(1, r.k());
        assertEquals(SAMPLE / 10, r.rows().length);
        assertEquals(SAMPLE / 10, r.kept().size());
        long inSample = sample.concepts().stream().filter(c -> footwear.contains(c.synsetOffset())).count();
        long kept = footwearIn(r.rows());
        assertTrue(kept >= 0.8 * inSample, "kept " + kept + " of " + inSample + " footwear concepts");
        // top of the ranking is footwear; scores are sorted
        long top20 = footwearIn(java.util.Arrays.copyOf(r.rows(), 20));
        assertTrue(top20 >= 6, top20 + " of the 20 best-ranked are footwear (chance: about 0.1)");
        for (int i = 1; i < r.rows().length; i++) {
            assertTrue(r.scores()[r.rows()[i - 1]] >= r.scores()[r.rows()[i]]);
        }
    }

    @Test
    void kIsAThirdOfTheClasses() {
        assertEquals(1, LabelSetPruner.k(1));
        assertEquals(1, LabelSetPruner.k(3));
        assertEquals(2, LabelSetPruner.k(7));
        assertEquals(34, LabelSetPruner.k(102));
        assertEquals(3, LabelSetPruner.prune(embeddings, new float[9][384], 0.5).k());
    }
}
