package dev.explorer.agent.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiverseSamplerTest {
    static final int DIM = 16;
    static final int CLUSTERS = 10;
    static final int PER_CLUSTER = 20;

    /** Unit vectors: 10 orthogonal cluster centres, each with 20 members at distance ~0.2 from it. */
    static float[] clusteredEmbeddings(long seed) {
        Random r = new Random(seed);
        float[] e = new float[CLUSTERS * PER_CLUSTER * DIM];
        for (int c = 0; c < CLUSTERS; c++) {
            for (int m = 0; m < PER_CLUSTER; m++) {
                int o = (c * PER_CLUSTER + m) * DIM;
                double n = 0;
                for (int i = 0; i < DIM; i++) {
                    double v = (i == c ? 1 : 0) + 0.05 * r.nextGaussian();
                    e[o + i] = (float) v;
                    n += v * v;
                }
                for (int i = 0; i < DIM; i++) {
                    e[o + i] /= (float) Math.sqrt(n);
                }
            }
        }
        return e;
    }

    /** Cluster 0 holds 90% of the mass, the other nine share 10%. */
    static double[] concentrated() {
        double[] p = new double[CLUSTERS * PER_CLUSTER];
        for (int i = 0; i < p.length; i++) {
            p[i] = i < PER_CLUSTER ? 0.9 / PER_CLUSTER : 0.1 / (p.length - PER_CLUSTER);
        }
        return p;
    }

    static int clustersHit(List<Draw> draws) {
        Set<Integer> c = new HashSet<>();
        draws.forEach(d -> c.add(d.conceptId() / PER_CLUSTER));
        return c.size();
    }

    @Test
    void aBatchSpreadsOverClustersThatThePlainSamplerPilesInto() {
        float[] emb = clusteredEmbeddings(1);
        double[] p = concentrated();
        double plain = 0;
        double diverse = 0;
        int inTopPlain = 0;
        int inTopDiverse = 0;
        for (long seed = 0; seed < 50; seed++) {
            List<Draw> a = new DistributionSampler(p).sample(10, seed);
            List<Draw> b = new DiverseSampler(p, emb, DIM, 0.5).sample(10, seed);
            assertEquals(10, a.size());
            assertEquals(10, b.size());
            assertEquals(10, b.stream().map(Draw::conceptId).distinct().count(), "without replacement");
            plain += clustersHit(a);
            diverse += clustersHit(b);
            inTopPlain += (int) a.stream().filter(d -> d.conceptId() < PER_CLUSTER).count();
            inTopDiverse += (int) b.stream().filter(d -> d.conceptId() < PER_CLUSTER).count();
        }
        plain /= 50;
        diverse /= 50;
        // plain: ~8.5 of 10 draws in cluster 0, about 2.4 clusters; diverse: the first draw thins
        // its cluster-mates to ~15% of their weight, so the batch reaches most clusters
        assertTrue(plain < 3.5, "plain sampler clusters per batch " + plain);
        assertTrue(diverse > 6.5, "diverse sampler clusters per batch " + diverse);
        assertTrue(inTopPlain > 5 * inTopDiverse / 2, "draws in the favoured cluster: plain " + inTopPlain
                + ", diverse " + inTopDiverse);
        assertTrue(inTopDiverse >= 50, "the favoured cluster is still drawn in almost every batch: " + inTopDiverse);
    }

    @Test
    void eachDrawLogsTheProbabilityItHadAfterTheThinning() {
        // concepts 0 and 1 share an embedding (a lemma with two senses); 2 is orthogonal to both
        float[] emb = {1, 0, 1, 0, 0, 1};
        double[] p = {0.5, 0.3, 0.2};
        for (long seed = 0; seed < 20; seed++) {
            List<Draw> d = new DiverseSampler(p, emb, 2, 0.5).sample(3, seed);
            // identical embeddings thin each other to 0: at most one of 0 and 1, then 2 for sure
            assertEquals(2, d.size(), "draws " + d);
            Draw first = d.get(0);
            assertEquals(p[first.conceptId()], first.probability(), 1e-12);
            Draw second = d.get(1);
            if (first.conceptId() == 2) {
                // distance sqrt(2): both keep 1 - e^-4 of their weight, so 0.5 : 0.3
                assertEquals(p[second.conceptId()] / 0.8, second.probability(), 1e-12);
            } else {
                assertEquals(2, second.conceptId());
                assertEquals(1.0, second.probability(), 1e-12);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameBatchAndBadInputIsRefused() {
        float[] emb = clusteredEmbeddings(2);
        double[] p = concentrated();
        DiverseSampler s = new DiverseSampler(p, emb, DIM, 0.5);
        assertEquals(s.sample(12, 7), s.sample(12, 7));
        assertTrue(!s.sample(12, 7).equals(s.sample(12, 8)));
        assertThrows(IllegalArgumentException.class, () -> new DiverseSampler(p, emb, DIM, 0));
        assertThrows(IllegalArgumentException.class, () -> new DiverseSampler(p, new float[5], DIM, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new DiverseSampler(new double[] {-1}, new float[DIM], DIM, 0.5));
    }
}
