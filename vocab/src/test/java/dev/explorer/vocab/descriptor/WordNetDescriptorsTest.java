package dev.explorer.vocab.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.vocab.Concept;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WordNetDescriptorsTest {

    static WordNetDescriptors gen;

    @BeforeAll
    static void load() {
        gen = WordNetDescriptors.load();
    }

    @Test
    void categoriesHoldVisualAdjectives() {
        assertEquals(List.of("size", "age", "shape", "texture", "light", "condition", "colour", "material"), gen.categories());
        assertTrue(gen.words("size").containsAll(List.of("big", "small", "huge", "tiny", "giant")), gen.words("size").toString());
        assertTrue(gen.words("age").containsAll(List.of("young", "old", "new", "ancient")), gen.words("age").toString());
        assertTrue(gen.words("colour").containsAll(List.of("red", "blue", "green", "yellow", "purple")), gen.words("colour").toString());
        assertTrue(gen.words("material").containsAll(List.of("wooden", "metallic", "golden")), gen.words("material").toString());
        assertTrue(gen.words("texture").containsAll(List.of("soft", "hard", "wet")), gen.words("texture").toString());
        for (String c : gen.categories()) {
            List<String> words = gen.words(c);
            assertTrue(words.size() >= 5, c + " has " + words);
            for (String w : words) {
                assertTrue(w.matches("[a-z]{3,12}"), c + ": " + w);
                assertFalse(Set.of("lousy", "senile", "bigger", "larger", "older").contains(w), c + ": " + w);
            }
        }
    }

    @Test
    void seededAndNeverRepeatsTheConcept() {
        Concept duck = Concept.user("duck");
        Concept redFox = new Concept("n02119022.1", "red fox", 2119022, "fox", "the common Old World fox", "noun.animal");
        List<String> a = draw(duck, 7, 50);
        assertEquals(a, draw(duck, 7, 50), "same seed, same descriptors");
        assertNotEquals(a, draw(duck, 8, 50));
        assertTrue(new HashSet<>(a).size() >= 25, "50 draws should vary: " + a);
        for (String d : draw(redFox, 1, 500)) {
            assertNotEquals("red", d);
        }
        Random r = new Random(3);
        String q = gen.query(duck, r);
        assertTrue(q.endsWith(" duck") && q.split(" ").length == 2, q);
        assertEquals("duck", DescriptorGenerator.NONE.query(duck, r));
    }

    private static List<String> draw(Concept c, long seed, int n) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(gen.descriptor(c, r));
        }
        return out;
    }
}
