package dev.explorer.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class MiniLmEncoderTest {

    private static final List<String> TEXTS = List.of(
            "dog (canine): a member of the genus Canis (probably descended from the common wolf) that has been "
                    + "domesticated by man since prehistoric times; occurs in many breeds",
            "sneaker",
            "golden retriever (retriever): an English breed having a long silky golden coat",
            "a",
            "ankle boot",
            "carburetor (mechanical device): mixes fuel with air for combustion in an internal-combustion engine");

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void batchedVectorsMatchLangchain4jsOneByOneEncoder() {
        // the reference: langchain4j's own wrapper around the same ONNX file (one text per call)
        AllMiniLmL6V2EmbeddingModel reference = new AllMiniLmL6V2EmbeddingModel();
        float[][] ours = TestData.encoder().embed(TEXTS); // one padded batch of very different lengths
        for (int i = 0; i < TEXTS.size(); i++) {
            float[] ref = reference.embed(TEXTS.get(i)).content().vector();
            assertEquals(384, ours[i].length);
            double cos = dot(ours[i], ref) / Math.sqrt(dot(ref, ref));
            assertTrue(cos > 0.9999, "text " + i + ": cosine to the reference is " + cos);
        }
    }

    @Test
    void rowsAreUnitLengthAndIndependentOfBatchSize() {
        MiniLmEncoder enc = TestData.encoder();
        float[] batch1 = enc.embedFlat(TEXTS, 1, null);
        float[] batch4 = enc.embedFlat(TEXTS, 4, null);
        for (int i = 0; i < TEXTS.size(); i++) {
            double norm = 0;
            double maxDiff = 0;
            for (int d = 0; d < 384; d++) {
                float x = batch1[i * 384 + d];
                norm += x * x;
                maxDiff = Math.max(maxDiff, Math.abs(x - batch4[i * 384 + d]));
            }
            assertEquals(1.0, norm, 1e-4);
            assertTrue(maxDiff < 1e-4, "row " + i + " differs by " + maxDiff + " between batch sizes 1 and 4");
        }
    }

    @Test
    void similarTextsAreCloser() {
        float[][] v = TestData.encoder().embed(List.of("sneaker", "running shoe", "ankle boot", "carburetor", "tax return"));
        assertTrue(dot(v[0], v[1]) > dot(v[0], v[3]) + 0.1, "sneaker~running shoe " + dot(v[0], v[1]) + " vs carburetor " + dot(v[0], v[3]));
        assertTrue(dot(v[0], v[2]) > dot(v[0], v[4]), "sneaker~ankle boot " + dot(v[0], v[2]) + " vs tax return " + dot(v[0], v[4]));
    }
}
