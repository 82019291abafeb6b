package dev.explorer.agent.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ConceptScoreModelTest {
    static final int DIM = 16;

    private static ConceptScoreModel model(float[] emb, int sparseAbove, long seed) {
        return new ConceptScoreModel(emb, DIM, new ConceptScoreModel.Settings(1, 100, sparseAbove, 20, 1.0), seed);
    }

    private static void observeSmooth(ConceptScoreModel m, float[] emb, int count, Random rnd) {
        for (int i = 0; i < count; i++) {
            int c = rnd.nextInt(emb.length / DIM);
            m.observe(c, 0.5 + 0.3 * emb[c * DIM] + 0.01 * rnd.nextGaussian());
        }
    }

    @Test
    void withoutObservationsEveryConceptScoresTheSame() {
        float[] emb = GaussianProcessTest.unitRows(new Random(1), 50, DIM);
        ConceptScores s = model(emb, 1000, 1).score();
        assertEquals("prior", s.fit().mode());
        for (int c = 0; c < 50; c++) {
            assertEquals(0.0, s.score()[c]);
            assertFalse(s.observed()[c]);
        }
    }

    @Test
    void observedConceptsKeepTheirObservedScoreOthersGetMeanPlusStd() {
        float[] emb = GaussianProcessTest.unitRows(new Random(2), 300, DIM);
        ConceptScoreModel m = model(emb, 1000, 7);
        observeSmooth(m, emb, 60, new Random(3));
        m.observe(5, 0.9);
        m.observe(5, 0.7); // observed twice: keeps the mean of its observations
        m.observe(6, Double.NaN); // a skipped query is not an observation
        ConceptScores s = m.score();
        assertEquals("exact", s.fit().mode());
        assertTrue(s.observed()[5]);
        assertTrue(m.observations().stream().noneMatch(o -> Double.isNaN(o.score())));
        assertEquals(0.8, s.score()[5], 1e-12);
        int unobserved = 0;
        for (int c = 0; c < 300; c++) {
            if (!s.observed()[c]) {
                assertEquals(s.mean()[c] + s.std()[c], s.score()[c], 1e-12);
                assertTrue(s.std()[c] > 0);
                unobserved++;
            }
        }
        assertTrue(unobserved > 200);
        // the GP learned the trend: predicted means correlate with the true function
        double sxy = 0, sxx = 0, syy = 0, mx = 0, my = 0;
        for (int c = 0; c < 300; c++) {
            mx += emb[c * DIM];
            my += s.mean()[c];
        }
        mx /= 300;
        my /= 300;
        for (int c = 0; c < 300; c++) {
            double dx = emb[c * DIM] - mx, dy = s.mean()[c] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        assertTrue(sxy / Math.sqrt(sxx * syy) > 0.8, "correlation " + sxy / Math.sqrt(sxx * syy));
    }

    @Test
    void switchesToTheSparseModelAboveTheThresholdAndStaysClose() {
        float[] emb = GaussianProcessTest.unitRows(new Random(4), 400, DIM);
        ConceptScoreModel exact = model(emb, 1000, 3);
        ConceptScoreModel sparse = model(emb, 30, 3);
        observeSmooth(exact, emb, 80, new Random(5));
        observeSmooth(sparse, emb, 80, new Random(5));
        ConceptScores e = exact.score();
        ConceptScores s = sparse.score();
        assertEquals("exact", e.fit().mode());
        assertEquals("sparse", s.fit().mode());
        assertEquals(20, s.fit().basis());
        double err = 0;
        for (int c = 0; c < 400; c++) {
            err += Math.abs(e.mean()[c] - s.mean()[c]);
        }
        assertTrue(err / 400 < 0.05, "mean abs difference " + err / 400);
    }

    @Test
    void refitOnTheSameObservationsIsIdentical() {
        float[] emb = GaussianProcessTest.unitRows(new Random(6), 200, DIM);
        ConceptScoreModel a = model(emb, 20, 9);
        ConceptScoreModel b = model(emb, 20, 9);
        observeSmooth(a, emb, 50, new Random(7));
        observeSmooth(b, emb, 50, new Random(7));
        assertArrayEquals(a.score().score(), b.score().score());
    }

    @Test
    void aSingleObservationGivesFiniteScores() {
        float[] emb = GaussianProcessTest.unitRows(new Random(8), 30, DIM);
        ConceptScoreModel m = model(emb, 1000, 1);
        m.observe(4, 0.25);
        ConceptScores s = m.score();
        assertEquals("exact", s.fit().mode());
        assertEquals(0.25, s.score()[4], 1e-12);
        for (int c = 0; c < 30; c++) {
            assertTrue(Double.isFinite(s.score()[c]) && s.std()[c] >= 0, "concept " + c);
            assertEquals(0.25, s.mean()[c], 1e-9); // nothing to learn from one point but its value
        }
    }

    @Test
    void rejectsUnknownConcepts() {
        ConceptScoreModel m = model(new float[DIM * 3], 10, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.observe(3, 0.5));
        assertTrue(e.getMessage().contains("outside the vocabulary of 3"));
    }
}
