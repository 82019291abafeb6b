package dev.explorer.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConceptTest {

    @Test
    void textIsThePaperTemplate() {
        Concept c = new Concept("n02113978.1", "Chihuahua", 2113978, "toy dog",
                "an old breed of tiny short-haired dog with protruding eyes from Mexico", "noun.animal");
        assertEquals("Chihuahua (toy dog): an old breed of tiny short-haired dog with protruding eyes from Mexico", c.text());
        assertFalse(c.isUser());
    }

    @Test
    void userConceptTextIsThePlainLemma() {
        Concept c = Concept.user("red sneaker");
        assertEquals("red sneaker", c.text());
        assertEquals("red sneaker", c.id());
        assertEquals(Concept.USER_LEXICAL_FILE, c.lexicalFile());
        assertTrue(c.isUser());
    }

    @Test
    void rootWithoutHypernymKeepsItsDefinition() {
        Concept c = new Concept("n00001740.1", "entity", 1740, null, "that which is perceived", "noun.Tops");
        assertEquals("entity: that which is perceived", c.text());
    }

    @Test
    void definitionDropsQuotedExamples() {
        assertEquals("a member of the genus Canis; occurs in many breeds",
                WordNetNouns.definition("a member of the genus Canis; occurs in many breeds; \"the dog barked all night\""));
        assertEquals("a dull unattractive unpleasant girl or woman",
                WordNetNouns.definition("a dull unattractive unpleasant girl or woman; \"she got a reputation as a frump\"; \"she's a real dog\""));
        assertEquals("no examples here", WordNetNouns.definition("no examples here"));
    }

    @Test
    void vocabularyRejectsDuplicateIdsAndHashesTexts() {
        Concept a = Concept.user("a");
        assertThrows(IllegalArgumentException.class, () -> new Vocabulary("x", List.of(a, Concept.user("a"))));
        Vocabulary v1 = new Vocabulary("x", List.of(a, Concept.user("b")));
        Vocabulary v2 = new Vocabulary("y", List.of(a, Concept.user("b")));
        Vocabulary v3 = new Vocabulary("x", List.of(Concept.user("b"), a));
        assertEquals(v1.hash(), v2.hash(), "the hash depends on content, not on the name");
        assertFalse(v1.hash().equals(v3.hash()), "row order changes the matrix, so it changes the hash");
        assertEquals(64, v1.hash().length());
    }
}
