package dev.explorer.agent.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.config.SamplerConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SamplerTest {

    private static double[] randomScores(int n, long seed) {
        Random r = new Random(seed);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = r.nextDouble();
        }
        return s;
    }

    /** Concept ids sorted by score, best first. */
    private static Integer[] ranking(double[] s) {
        Integer[] order = new Integer[s.length];
        for (int i = 0; i < s.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
        return order;
    }

    @Test
    void oneTierIsASoftmaxWhoseBestIsERangeTimesTheWorst() {
        double[] scores = {0.2, 0.7, 1.2, 0.45};
        double[] p = TieredBoltzmann.distribution(scores, null, 3.0, List.of(), List.of(1.0));
        assertEquals(Math.exp(3), p[2] / p[0], 1e-9);
        double tau = 1.0 / 3;
        assertEquals(Math.exp(0.5 / tau), p[1] / p[0], 1e-9);
        assertEquals(1.0, p[0] + p[1] + p[2] + p[3], 1e-12);
    }

    @Test
    void paperTiersCarryTheirMassAndKeepTemperatureRatiosWithin() {
        double[] s = randomScores(3000, 1);
        SamplerConfig c = SamplerConfig.DEFAULTS; // 250: 0.8, 1000: 0.1, rest: 0.1, range 3
        double[] p = TieredBoltzmann.distribution(s, null, c);
        Integer[] order = ranking(s);
        double[] mass = new double[3];
        for (int r = 0; r < order.length; r++) {
            mass[r < 250 ? 0 : r < 1000 ? 1 : 2] += p[order[r]];
        }
        assertEquals(0.8, mass[0], 1e-9);
        assertEquals(0.1, mass[1], 1e-9);
        assertEquals(0.1, mass[2], 1e-9);
        double max = s[order[0]], min = s[order[order.length - 1]];
        double tau = (max - min) / 3;
        // within a tier, the ratio is the softmax ratio
        assertEquals(Math.exp((s[order[0]] - s[order[249]]) / tau), p[order[0]] / p[order[249]], 1e-9);
        assertEquals(Math.exp((s[order[1000]] - s[order[2999]]) / tau), p[order[1000]] / p[order[2999]], 1e-9);
    }

    @Test
    void emptyTiersGiveTheirMassToTheOthersAndEqualScoresAreUniform() {
        double[] s = randomScores(100, 2); // fewer than the 250 of the first tier
        double[] p = TieredBoltzmann.distribution(s, null, SamplerConfig.DEFAULTS);
        double sum = 0;
        for (double v : p) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-12);
        Integer[] order = ranking(s);
        assertEquals(Math.exp(3), p[order[0]] / p[order[99]], 1e-9); // a single live tier
        double[] flat = TieredBoltzmann.distribution(new double[50], null, SamplerConfig.DEFAULTS);
        for (double v : flat) {
            assertEquals(1.0 / 50, v, 1e-15);
        }
    }

    @Test
    void candidatesRestrictTheDistribution() {
        double[] s = randomScores(40, 3);
        int[] cand = {3, 9, 17, 22};
        double[] p = TieredBoltzmann.distribution(s, cand, 3.0, List.of(2), List.of(0.9, 0.1));
        double inside = p[3] + p[9] + p[17] + p[22];
        assertEquals(1.0, inside, 1e-12);
        assertEquals(0.0, p[0]);
        assertThrows(IllegalArgumentException.class,
                () -> TieredBoltzmann.distribution(new double[] {Double.NaN, 1}, null, SamplerConfig.DEFAULTS));
    }

    @Test
    void empiricalFrequenciesMatchTierMassesAndTheTemperature() {
        // 200 concepts, tiers: top 10 -> 0.8, ranks 10-40 -> 0.1, rest -> 0.1
        double[] s = randomScores(200, 4);
        double[] tiered = TieredBoltzmann.distribution(s, null, 3.0, List.of(10, 40), List.of(0.8, 0.1, 0.1));
        DistributionSampler sampler = new DistributionSampler(tiered);
        Integer[] order = ranking(s);
        int[] tierOf = new int[200];
        for (int r = 0; r < 200; r++) {
            tierOf[order[r]] = r < 10 ? 0 : r < 40 ? 1 : 2;
        }
        int draws = 40_000;
        int[] hits = new int[3];
        for (int i = 0; i < draws; i++) {
            hits[tierOf[sampler.sample(1, i).get(0).conceptId()]]++;
        }
        double[] want = {0.8, 0.1, 0.1};
        for (int t = 0; t < 3; t++) {
            double sigma = Math.sqrt(want[t] * (1 - want[t]) / draws);
            assertEquals(want[t], hits[t] / (double) draws, 5 * sigma, "tier " + t);
        }

        // one tier: the best concept is drawn e^3 times as often as the worst
        double[] three = {1.0, 0.5, 0.0};
        DistributionSampler one = new DistributionSampler(
                TieredBoltzmann.distribution(three, null, 3.0, List.of(), List.of(1.0)));
        int best = 0, worst = 0;
        for (int i = 0; i < 100_000; i++) {
            int id = one.sample(1, 1_000_000L + i).get(0).conceptId();
            best += id == 0 ? 1 : 0;
            worst += id == 2 ? 1 : 0;
        }
        double ratio = best / (double) worst;
        double relSe = Math.sqrt(1.0 / best + 1.0 / worst);
        assertEquals(Math.exp(3), ratio, 5 * relSe * Math.exp(3), "best/worst " + best + "/" + worst);
    }

    @Test
    void drawsAreDistinctSeededAndCarryTheirProbability() {
        double[] p = TieredBoltzmann.distribution(randomScores(2000, 5), null, SamplerConfig.DEFAULTS);
        DistributionSampler sampler = new DistributionSampler(p);
        List<Draw> a = sampler.sample(256, 42);
        List<Draw> b = sampler.sample(256, 42);
        assertEquals(a, b);
        assertNotEquals(a, sampler.sample(256, 43));
        Set<Integer> ids = new HashSet<>();
        for (Draw d : a) {
            assertTrue(ids.add(d.conceptId()), "drawn twice: " + d.conceptId());
            assertEquals(p[d.conceptId()], d.probability());
        }
        assertEquals(256, ids.size());
        // more than there are concepts with non-zero probability: all of them, once
        double[] few = new double[10];
        few[2] = 0.5;
        few[6] = 0.5;
        assertEquals(Set.of(2, 6), Set.copyOf(new DistributionSampler(few).sample(5, 1).stream()
                .map(Draw::conceptId).toList()));
    }

    @Test
    void uniformSamplerIsUniformAndWithoutReplacement() {
        UniformSampler u = new UniformSampler(50);
        int[] hits = new int[50];
        int iterations = 4000;
        for (int i = 0; i < iterations; i++) {
            List<Draw> d = u.sample(10, i);
            assertEquals(10, d.stream().map(Draw::conceptId).distinct().count());
            for (Draw x : d) {
                hits[x.conceptId()]++;
                assertEquals(1.0 / 50, x.probability());
            }
        }
        double expected = iterations * 10 / 50.0; // 800, inclusion probability 10/50
        for (int h : hits) {
            assertEquals(expected, h, 5 * Math.sqrt(expected));
        }
    }

    @Test
    void labelSetModeAsksClassNamesForHalfTheQueries() {
        List<String> labels = List.of("rose", "tulip", "daisy", "orchid", "lily", "iris", "poppy", "violet",
                "lotus", "peony", "aster", "dahlia");
        int[] pruned = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25};
        double[] scores = randomScores(100, 6);
        double[] p = TieredBoltzmann.distribution(scores, pruned, 3.0, List.of(4), List.of(0.8, 0.2));
        LabelSetSampler sampler = new LabelSetSampler(labels, 0.5, new DistributionSampler(p));
        for (int i = 0; i < 200; i++) {
            List<Draw> d = sampler.sample(8, i);
            assertEquals(8, d.size());
            Set<String> seen = new HashSet<>();
            int labelQueries = 0;
            for (Draw x : d) {
                if (x.isLabel()) {
                    labelQueries++;
                    assertTrue(seen.add(x.label()), "class name repeated in one iteration");
                    assertEquals(0.5 / labels.size(), x.probability(), 1e-15);
                } else {
                    assertTrue(x.conceptId() >= 10 && x.conceptId() <= 25, "outside the pruned set: " + x.conceptId());
                    assertEquals(0.5 * p[x.conceptId()], x.probability(), 1e-15);
                }
            }
            assertEquals(4, labelQueries, "exactly half of 8 queries are class names");
        }
    }

    @Test
    void labelSetModeWithFewClassNamesLogsTheShareActuallyUsed() {
        List<String> labels = List.of("rose", "tulip", "daisy");
        double[] p = new double[20];
        java.util.Arrays.fill(p, 1.0 / 20);
        // without descriptors: each class name once, the other 7 of 10 slots are concepts
        List<Draw> plain = new LabelSetSampler(labels, 0.5, new DistributionSampler(p)).sample(10, 3);
        assertEquals(3, plain.stream().filter(Draw::isLabel).count());
        for (Draw x : plain) {
            assertEquals(x.isLabel() ? 0.3 / 3 : 0.7 / 20, x.probability(), 1e-15);
        }
        // with descriptors: half of the queries are class names, each name before any repeat
        List<Draw> withDescriptors = new LabelSetSampler(labels, 0.5, true, new DistributionSampler(p)).sample(10, 3);
        List<String> names = withDescriptors.stream().filter(Draw::isLabel).map(Draw::label).toList();
        assertEquals(5, names.size());
        assertEquals(Set.copyOf(labels), Set.copyOf(names.subList(0, 3)));
        for (Draw x : withDescriptors) {
            assertEquals(x.isLabel() ? 0.5 / 3 : 0.5 / 20, x.probability(), 1e-15);
        }
    }

    @Test
    void labelSetModeRoundsAnOddHalfEitherWayAtRandom() {
        LabelSetSampler sampler = new LabelSetSampler(List.of("a", "b", "c", "d", "e", "f", "g", "h"), 0.5,
                new UniformSampler(50));
        int labelQueries = 0;
        int runs = 2000;
        for (int i = 0; i < runs; i++) {
            labelQueries += (int) sampler.sample(7, i).stream().filter(Draw::isLabel).count();
        }
        assertEquals(3.5, labelQueries / (double) runs, 0.1);
    }
}
