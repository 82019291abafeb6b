package dev.explorer.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordNetNounsTest {

    @Test
    void holdsEveryNounSenseOfWordNet31() {
        Vocabulary v = TestData.wordnet();
        assertEquals(146_547, v.size());
        assertEquals(WordNetNouns.NAME, v.name());
        Map<String, Integer> files = v.lexicalFileCounts();
        assertEquals(26, files.size(), files.toString());
        assertEquals(14_780, files.get("noun.animal"));
        assertEquals(18_745, files.get("noun.artifact"));
        assertEquals(3_762, files.get("noun.food"));
        assertEquals(18_747, files.get("noun.plant"));
        Set<Long> synsets = new HashSet<>();
        for (Concept c : v.concepts()) {
            synsets.add(c.synsetOffset());
        }
        assertEquals(82_192, synsets.size());
    }

    @Test
    void dogIsACanineWithItsGlossAndAStableId() {
        Vocabulary v = TestData.wordnet();
        List<Concept> dogs = v.withLemma("dog");
        assertEquals(7, dogs.size(), dogs.toString());
        Concept dog = v.get(v.indexOf("n02086723.1"));
        assertEquals("dog", dog.lemma());
        assertEquals(2_086_723L, dog.synsetOffset());
        assertEquals("canine", dog.hypernym());
        assertEquals("noun.animal", dog.lexicalFile());
        assertEquals("a member of the genus Canis (probably descended from the common wolf) that has been domesticated "
                + "by man since prehistoric times; occurs in many breeds", dog.definition());
        assertEquals("dog (canine): " + dog.definition(), dog.text());
        assertTrue(dogs.contains(dog));
    }

    @Test
    void lemmasHaveSpacesAndCaseAndProperNounsUseInstanceHypernyms() {
        Vocabulary v = TestData.wordnet();
        Concept golden = v.withLemma("golden retriever").get(0);
        assertEquals("golden retriever", golden.lemma());
        assertEquals("retriever", golden.hypernym());
        assertTrue(v.withLemma("Chihuahua").stream().anyMatch(c -> "toy dog".equals(c.hypernym())));
        Concept paris = v.withLemma("Paris").stream().filter(c -> c.definition().contains("capital")).findFirst().orElseThrow();
        assertEquals("national capital", paris.hypernym());
        long noHypernym = v.concepts().stream().filter(c -> c.hypernym() == null).count();
        assertEquals(1, noHypernym, "only the root 'entity' has no hypernym");
        assertFalse(v.concepts().stream().anyMatch(c -> c.lemma().contains("_")));
        assertFalse(v.concepts().stream().anyMatch(c -> c.definition().contains("; \"")), "examples were stripped");
    }

    @Test
    void subsetsByLexicalFile() {
        Vocabulary v = TestData.wordnet().lexicalFiles(List.of("noun.animal", "noun.food"));
        assertEquals(14_780 + 3_762, v.size());
        assertEquals("wordnet31-nouns-animal+food", v.name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestData.wordnet().lexicalFiles(List.of("noun.animals")));
        assertTrue(e.getMessage().contains("noun.animals") && e.getMessage().contains("noun.animal,"), e.getMessage());
    }

    @Test
    void tableRoundTripAndTruncatedTableIsRebuilt(@TempDir Path dir) throws IOException {
        List<Concept> all = TestData.wordnet().concepts();
        Path table = dir.resolve("vocab").resolve(WordNetNouns.TABLE_FILE);
        WordNetNouns.writeTable(table, all);
        long t0 = System.nanoTime();
        List<Concept> back = WordNetNouns.readTable(table);
        double secs = (System.nanoTime() - t0) / 1e9;
        assertEquals(all, back);
        System.err.printf("read the concept table (%d senses) in %.2f s%n", back.size(), secs); // a figure, not a limit

        try (FileChannel ch = FileChannel.open(table, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(table) / 2);
        }
        assertThrows(IOException.class, () -> WordNetNouns.readTable(table));
        try (FileChannel ch = FileChannel.open(table, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(table) - 3); // cut inside the trailer
        }
        assertThrows(IOException.class, () -> WordNetNouns.readTable(table));
    }
}
