package dev.explorer.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {

    private static Vocabulary small(String name, String... extra) {
        List<String> lines = new ArrayList<>(List.of("sneaker", "sandal", "ankle boot", "duck", "golden retriever", "tulip"));
        lines.addAll(List.of(extra));
        return UserVocabulary.parse(name, lines).vocabulary();
    }

    /** Counts how often the real encoder had to be opened, i.e. how often the cache was not used. */
    private static final class CountingFactory implements Supplier<MiniLmEncoder> {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public MiniLmEncoder get() {
            calls.incrementAndGet();
            return TestData.encoder();
        }
    }

    @Test
    void fileRoundTripIsBitExact(@TempDir Path dir) throws IOException {
        int n = 1000;
        int dim = 384;
        float[] data = new float[n * dim];
        Random r = new Random(7);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) r.nextGaussian();
        }
        Path f = dir.resolve("m.emb");
        EmbeddingFile.write(f, "model-x", "hash-y", "name-z", n, dim, data);
        EmbeddingFile.Header h = EmbeddingFile.header(f);
        assertEquals("model-x", h.modelId());
        assertEquals("hash-y", h.vocabularyHash());
        assertEquals("name-z", h.vocabularyName());
        assertEquals(n, h.count());
        assertEquals(dim, h.dim());
        assertEquals(0, h.headerBytes() % 64);
        assertEquals(h.headerBytes() + 4L * n * dim, Files.size(f));
        assertArrayEquals(data, EmbeddingFile.read(f, "model-x", "hash-y", n, dim));

        assertThrows(EmbeddingFile.StaleException.class, () -> EmbeddingFile.read(f, "model-other", "hash-y", n, dim));
        assertThrows(EmbeddingFile.StaleException.class, () -> EmbeddingFile.read(f, "model-x", "hash-other", n, dim));
        assertThrows(EmbeddingFile.StaleException.class, () -> EmbeddingFile.read(f, "model-x", "hash-y", n + 1, dim));
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(f) - 4);
        }
        EmbeddingFile.StaleException e = assertThrows(EmbeddingFile.StaleException.class,
                () -> EmbeddingFile.read(f, "model-x", "hash-y", n, dim));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Files.write(f, new byte[] {'E', 'X'});
        assertThrows(EmbeddingFile.StaleException.class, () -> EmbeddingFile.header(f));
    }

    @Test
    void cacheIsReusedAndRebuiltWhenStaleOrTruncated(@TempDir Path dir) throws IOException {
        String model = TestData.encoder().modelId();
        Path file = dir.resolve("vocab").resolve("q.emb");
        CountingFactory factory = new CountingFactory();

        Vocabulary v = small("q");
        ConceptEmbeddings first = ConceptEmbeddings.loadOrCompute(v, file, factory, model, 4);
        assertEquals(1, factory.calls.get());
        assertTrue(Files.isRegularFile(file));

        ConceptEmbeddings second = ConceptEmbeddings.loadOrCompute(v, file, factory, model, 4);
        assertEquals(1, factory.calls.get(), "a valid cache must not open the encoder");
        assertArrayEquals(first.data(), second.data());

        Vocabulary changed = small("q", "flip-flop");
        ConceptEmbeddings third = ConceptEmbeddings.loadOrCompute(changed, file, factory, model, 4);
        assertEquals(2, factory.calls.get(), "a changed vocabulary must be re-embedded");
        assertEquals(7, third.size());
        assertEquals(changed.hash(), EmbeddingFile.header(file).vocabularyHash());
        // the six shared queries embed to the same rows
        for (int i = 0; i < 6 * 384; i++) {
            assertEquals(first.data()[i], third.data()[i], 1e-5f);
        }

        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(file) - 384 * 4);
        }
        assertNull(ConceptEmbeddings.tryLoad(changed, file, factory, model));
        ConceptEmbeddings fourth = ConceptEmbeddings.loadOrCompute(changed, file, factory, model, 4);
        assertEquals(3, factory.calls.get(), "a truncated cache must be rebuilt");
        assertArrayEquals(third.data(), fourth.data(), 1e-5f);

        assertNull(ConceptEmbeddings.tryLoad(changed, file, factory, "another-model"));
        assertNotNull(ConceptEmbeddings.tryLoad(changed, file, factory, model));
    }

    @Test
    void nearestAndSubsetSlices(@TempDir Path dir) {
        Vocabulary v = small("q", "running shoe", "carburetor", "tax return");
        ConceptEmbeddings e = ConceptEmbeddings.compute(v, TestData.encoder(), 3);
        int sneaker = v.indexOf("sneaker");
        List<ConceptEmbeddings.Neighbour> nb = e.nearest(e.row(sneaker), 3, i -> i == sneaker);
        assertEquals(3, nb.size());
        assertEquals("running shoe", nb.get(0).concept().lemma(), nb.toString());
        assertTrue(nb.get(0).score() >= nb.get(1).score() && nb.get(1).score() >= nb.get(2).score());

        Vocabulary sub = v.filter("q-sub", c -> c.lemma().contains("o"));
        ConceptEmbeddings s = e.subset(sub);
        for (int i = 0; i < sub.size(); i++) {
            assertArrayEquals(e.row(v.indexOf(sub.get(i).id())), s.row(i));
        }
        float[][] classes = e.embedTexts(List.of("sneaker"));
        assertEquals(1.0f, e.similarities(classes[0])[sneaker], 1e-4f);
    }

    @Test
    void topIndicesOrdersAndSkips() {
        float[] v = {0.1f, 0.9f, 0.5f, 0.9f, -1f};
        assertArrayEquals(new int[] {1, 3, 2}, ConceptEmbeddings.topIndices(v, 3, i -> false));
        assertArrayEquals(new int[] {3, 2}, ConceptEmbeddings.topIndices(v, 2, i -> i == 1));
        assertArrayEquals(new int[] {1, 3, 2, 0, 4}, ConceptEmbeddings.topIndices(v, 10, i -> false));
    }
}
