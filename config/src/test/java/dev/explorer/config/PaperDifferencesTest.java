package dev.explorer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The paper preset is the paper, and the differences file says exactly what it does not do. */
class PaperDifferencesTest {
    static String text(JsonNode n) {
        return n == null || n.isNull() ? "(empty)" : n.isTextual() ? n.asText() : n.toString();
    }

    @Test
    void everyListedKeyExistsAndItsPresetValueIsThePresets() {
        List<PaperDifferences.Difference> all = PaperDifferences.all();
        assertTrue(all.size() >= 5, "differences: " + all.size());
        JsonNode paper = ConfigLoader.yamlMapper().valueToTree(ConfigLoader.preset("paper"));
        for (PaperDifferences.Difference d : all) {
            assertFalse(d.preset() == null || d.paper() == null || d.reason() == null, "incomplete entry " + d);
            assertFalse(d.reason().isBlank(), "no reason for " + d);
            if (d.key() == null) {
                continue;
            }
            assertTrue(ConfigSchema.EXPLORER.key(d.key()).isPresent(), "unknown setting " + d.key());
            String[] parts = d.key().split("\\.", 2);
            assertEquals(text(paper.get(parts[0]).get(parts[1])), d.preset(), "paper preset value of " + d.key());
        }
    }

    @Test
    void thePaperPresetUsesThePapersGpProbeAndLabelSetShare() {
        ExplorerConfig c = ConfigLoader.preset("paper");
        SamplerConfig s = c.sampler();
        assertEquals(0, s.gpRestarts(), "fixed RBF kernel: no hyperparameter search");
        assertEquals(1e-10, s.gpNoise(), 0, "scikit-learn's default alpha");
        assertFalse(s.gpStandardize(), "scikit-learn's normalize_y=False");
        assertTrue(s.gpSparseAbove() >= 40 * 256, "exact for every observation a 40 x 256 run can make");
        assertEquals(0.5, s.labelSetShare(), 0);
        assertEquals(3.0, s.softmaxRange(), 0);
        assertEquals(1.0, s.stdWeight(), 0);
        assertEquals(0, s.diversityLengthScale(), 0, "the paper draws each concept independently");
        assertEquals(0.8 * 224 / 256, c.train().lr(), 1e-12, "0.8 x batch / 256");
        assertEquals(224, c.train().batchSize());
        assertTrue(c.eval().linearProbe());
    }
}
