package dev.explorer.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
