package dev.explorer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {
    private final ConfigSchema schema = ConfigSchema.EXPLORER;

    @Test
    void everySettingHasAOneLineDescription() {
        assertTrue(schema.keys().size() > 50, "keys: " + schema.keys().size());
        for (ConfigSchema.Key k : schema.keys()) {
            String d = k.setting().value();
            assertFalse(d.isBlank(), k.path());
            assertFalse(d.contains("\n"), k.path());
        }
    }

    @Test
    void sectionsFollowTheConcerns() {
        assertEquals(java.util.List.of("run", "target", "vocab", "search", "download", "reward", "sampler", "train",
                "encoder", "eval", "pool"), schema.sections());
    }

    @Test
    void nearestFindsTyposCaseAndSeparatorVariantsAndOtherSections() {
        assertEquals(Optional.of("train.lr"), schema.nearest("train.lrr"));
        assertEquals(Optional.of("train.batchSize"), schema.nearest("train.batch_size"));
        assertEquals(Optional.of("train.batchSize"), schema.nearest("train.batchsize"));
        assertEquals(Optional.of("reward.k"), schema.nearest("train.k"));
        assertEquals(Optional.of("search.queriesPerIteration"), schema.nearest("search.queriesPerIter"));
        assertEquals(Optional.of("reward"), schema.nearest("rewards"));
        assertEquals(Optional.empty(), schema.nearest("completely.unrelated.thing"));
    }

    @Test
    void typesAreDescribedWithTheirRanges() {
        assertEquals("number in (0, 100]", schema.key("train.lr").orElseThrow().describeType());
        assertEquals("whole number in [1, 10000]", schema.key("reward.k").orElseThrow().describeType());
        assertEquals("one of [adamw, lars]", schema.key("train.optimizer").orElseThrow().describeType());
        assertEquals("list of whole numbers >= 1", schema.key("sampler.tierBounds").orElseThrow().describeType());
    }

    @Test
    void levenshtein() {
        assertEquals(0, ConfigSchema.distance("abc", "abc"));
        assertEquals(1, ConfigSchema.distance("abc", "abd"));
        assertEquals(3, ConfigSchema.distance("", "abc"));
        assertEquals(2, ConfigSchema.distance("kitten", "sittin"));
    }
}
