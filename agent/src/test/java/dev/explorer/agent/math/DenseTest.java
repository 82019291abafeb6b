package dev.explorer.agent.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DenseTest {
    @Test
    void singleThreadedLimitsOpenBlasToOneThreadInsideAndRestoresTheCountAfterEvenWhenNested() {
        int before = Dense.blasThreads();
        AtomicInteger inner = new AtomicInteger();
        AtomicInteger nested = new AtomicInteger();
        AtomicInteger afterNested = new AtomicInteger();
        Dense.singleThreaded(() -> {
            inner.set(Dense.blasThreads());
            Dense.singleThreaded(() -> nested.set(Dense.blasThreads()));
            afterNested.set(Dense.blasThreads()); // the outer section is still running: still one
        });
        assertEquals(1, inner.get());
        assertEquals(1, nested.get());
        assertEquals(1, afterNested.get());
        assertEquals(before, Dense.blasThreads());
        // a failure inside restores it too
        try {
            Dense.singleThreaded(() -> {
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            // expected
        }
        assertEquals(before, Dense.blasThreads());
    }

    @Test
    void aCholeskyFactorisationGivesTheSameFactorWithOneThreadAsWithMany() {
        int n = 300; // the hyperparameter search's size
        SplittableRandom rnd = new SplittableRandom(7);
        double[] g = new double[n * 40];
        for (int i = 0; i < g.length; i++) {
            g[i] = rnd.nextGaussian();
        }
        double[] a = new double[n * n];
        Dense.gemmNT(n, n, 40, g, g, a);
        for (int i = 0; i < n; i++) {
            a[i * n + i] += 1.0;
        }
        double[] many = a.clone();
        Dense.cholesky(n, many);
        double[] one = a.clone();
        Dense.singleThreaded(() -> Dense.cholesky(n, one));
        assertArrayEquals(many, one, 1e-9);
    }
}
