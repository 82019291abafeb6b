package dev.explorer.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.config.ConfigException;
import dev.explorer.config.ConfigLoader;
import dev.explorer.config.ExplorerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabulariesTest {

    static ExplorerConfig config(Path cache, String... sets) {
        List<String> all = new java.util.ArrayList<>(List.of("run.cacheDir=" + cache));
        all.addAll(List.of(sets));
        return ConfigLoader.builder().sets(all).load();
    }

    @Test
    void demoPresetIsFourLexicalFiles() {
        ExplorerConfig demo = ConfigLoader.builder().preset("demo").load();
        Vocabulary v = TestData.wordnet().lexicalFiles(demo.vocab().lexicalFiles());
        assertEquals(14_780 + 18_745 + 3_762 + 18_747, v.size());
        assertEquals("wordnet31-nouns-animal+artifact+food+plant", v.name());
        assertEquals(8_000, v.sample(demo.vocab().sample()).size(), "the demo embeds a fixed subset");
    }

    @Test
    void int8EncoderHasItsOwnModelIdAndCacheFile(@TempDir Path dir) {
        ExplorerConfig fp32 = config(dir);
        ExplorerConfig int8 = config(dir, "vocab.embedModel=minilm-int8");
        Vocabulary v = new Vocabulary("tiny", List.of(Concept.user("dog")));
        assertEquals(Vocabularies.modelId(), Vocabularies.modelId(fp32));
        assertTrue(!Vocabularies.modelId(int8).equals(Vocabularies.modelId(fp32)), Vocabularies.modelId(int8));
        assertEquals(dir.resolve("vocab").resolve("tiny.emb"), Vocabularies.cacheFile(fp32, v));
        assertEquals(dir.resolve("vocab").resolve("tiny-int8.emb"), Vocabularies.cacheFile(int8, v));
        assertEquals(MiniLmEncoder.Variant.INT8, Vocabularies.variant(int8));
    }

    @Test
    void fileSourceNeedsAFile(@TempDir Path dir) throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> Vocabularies.load(config(dir, "vocab.source=file")));
        assertTrue(e.getMessage().contains("vocab.file"), e.getMessage());
        Path f = dir.resolve("q.txt");
        Files.writeString(f, "a\nb\n");
        assertEquals(2, Vocabularies.load(config(dir, "vocab.source=file", "vocab.file=" + f)).size());
    }

    /**
     * A WordNet subset takes its rows from a valid full-vocabulary cache instead of embedding.
     * The full matrix here is synthetic (seeded random unit rows) so the test embeds nothing.
     */
    @Test
    void subsetIsSlicedFromTheFullCacheAndTheFullMatrixLoadsFast(@TempDir Path dir) throws IOException {
        Vocabulary full = TestData.wordnet();
        Path vocabDir = Files.createDirectories(dir.resolve("vocab"));
        WordNetNouns.writeTable(vocabDir.resolve(WordNetNouns.TABLE_FILE), full.concepts());
        int dim = MiniLmEncoder.DIM;
        float[] data = new float[full.size() * dim];
        Random r = new Random(5);
        for (int i = 0; i < data.length; i++) {
            data[i] = r.nextFloat() - 0.5f;
        }
        Path fullFile = Vocabularies.cacheFile(dir, full);
        EmbeddingFile.write(fullFile, Vocabularies.modelId(), full.hash(), full.name(), full.size(), dim, data);
        assertEquals(EmbeddingFile.header(fullFile).headerBytes() + 4L * full.size() * dim, Files.size(fullFile),
                "header + 146,547 x 384 float32");

        long t0 = System.nanoTime();
        ConceptEmbeddings all = ConceptEmbeddings.tryLoad(full, fullFile, null, Vocabularies.modelId());
        double secs = (System.nanoTime() - t0) / 1e9;
        System.err.printf("loaded the 146,547 x 384 cache in %.2f s%n", secs);
        assertArrayEquals(data, all.data());

        ExplorerConfig cfg = config(dir, "vocab.lexicalFiles=noun.food");
        Vocabulary food = Vocabularies.load(cfg);
        assertEquals(3_762, food.size());
        try (ConceptEmbeddings sub = Vocabularies.embeddings(cfg, food)) {
            assertEquals(3_762, sub.size());
            for (int i : new int[] {0, 1_000, 3_761}) {
                assertArrayEquals(all.row(full.indexOf(food.get(i).id())), sub.row(i));
            }
        }
        assertTrue(!Files.exists(Vocabularies.cacheFile(dir, food)), "a sliced subset needs no file of its own");
    }
    @Test
    void aSampleIsFixedNestedInOrderAndSlicedFromItsWholeVocabularysCache(@TempDir Path dir) throws IOException {
        Vocabulary food = TestData.wordnet().lexicalFiles(List.of("noun.food"));
        Vocabulary s500 = food.sample(500);
        Vocabulary s100 = food.sample(100);
        assertEquals(500, s500.size());
        assertEquals("wordnet31-nouns-food-sample500", s500.name());
        assertEquals(s500.hash(), food.sample(500).hash(), "the same sample every time");
        java.util.Set<String> in500 = new java.util.HashSet<>();
        s500.concepts().forEach(c -> in500.add(c.id()));
        assertTrue(s100.concepts().stream().allMatch(c -> in500.contains(c.id())), "a smaller sample lies inside a larger one");
        int last = -1;
        for (Concept c : s500.concepts()) {
            int row = food.indexOf(c.id());
            assertTrue(row > last, "rows keep the vocabulary's order");
            last = row;
        }
        assertSame(food, food.sample(0));
        assertSame(food, food.sample(food.size()));
        // spread over the vocabulary, not its first rows: the sample's median row sits near the middle
        int median = food.indexOf(s500.get(250).id());
        assertTrue(median > food.size() / 3 && median < 2 * food.size() / 3, "median row " + median);

        Path vocabDir = Files.createDirectories(dir.resolve("vocab"));
        WordNetNouns.writeTable(vocabDir.resolve(WordNetNouns.TABLE_FILE), TestData.wordnet().concepts());
        int dim = MiniLmEncoder.DIM;
        float[] data = new float[food.size() * dim];
        Random r = new Random(6);
        for (int i = 0; i < data.length; i++) {
            data[i] = r.nextFloat() - 0.5f;
        }
        EmbeddingFile.write(Vocabularies.cacheFile(dir, food), Vocabularies.modelId(), food.hash(), food.name(), food.size(),
                dim, data);
        ExplorerConfig cfg = config(dir, "vocab.lexicalFiles=noun.food", "vocab.sample=500");
        Vocabulary loaded = Vocabularies.load(cfg);
        assertEquals(s500.hash(), loaded.hash());
        try (ConceptEmbeddings e = Vocabularies.embeddings(cfg, loaded)) {
            for (int i : new int[] {0, 250, 499}) {
                int row = food.indexOf(loaded.get(i).id());
                assertArrayEquals(java.util.Arrays.copyOfRange(data, row * dim, (row + 1) * dim), e.row(i));
            }
        }
    }
}
