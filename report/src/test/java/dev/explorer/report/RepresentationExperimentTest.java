package dev.explorer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.explorer.report.RepresentationExperiment.ArmRun;
import dev.explorer.report.RepresentationExperiment.ArmSummary;
import dev.explorer.report.RepresentationExperiment.Group;
import dev.explorer.run.IterationRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment's arithmetic on a tiny synthetic set of runs, against numbers worked by hand. */
class RepresentationExperimentTest {

    /** An iteration that trained {@code steps} steps and was evaluated (null = not evaluated). */
    static IterationRecord it(int i, int steps, Double knn, Double probe, double seconds) {
        return new IterationRecord(i, "2026-01-01T00:00:00Z", Map.of("train", seconds), 0, 0, 0, 0, 0, Map.of(), null, null,
                10, steps, null, knn, Map.of(), Map.of(), probe, 0);
    }

    /** Two iterations of 10 steps each, evaluated after both; final accuracies as given. */
    static ArmRun run(String arm, int seed, double knn, double probe) {
        int steps = arm.equals("start") ? 0 : 10;
        List<IterationRecord> its = arm.equals("start") ? List.of(it(0, 0, knn, probe, 1))
                : List.of(it(0, steps, knn - 0.01, null, 30), it(1, steps, knn, probe, 30));
        return RepresentationExperiment.run("t3", "pool", arm, seed, its, null);
    }

    @Test
    void tQuantilesAreTheTableValues() {
        assertEquals(12.706, SeedStats.t975(1), 1e-9);
        assertEquals(4.303, SeedStats.t975(2), 1e-9);
        assertEquals(2.262, SeedStats.t975(9), 1e-9);
        assertEquals(2.021, SeedStats.t975(40), 1e-9);
        assertEquals(1.980, SeedStats.t975(120), 1e-9);
        assertEquals(1.9623, SeedStats.t975(1000), 1e-3); // exact 1.96234
    }

    @Test
    void pairedIntervalOverThreeSeedsIsTheHandComputedOne() {
        // target-only 0.50 0.52 0.54, explorer 0.55 0.60 0.56: differences 0.05 0.08 0.02,
        // mean 0.05, sd sqrt((0 + 0.03^2 + 0.03^2) / 2) = 0.03, half width 4.303 x 0.03 / sqrt(3) = 0.074530
        List<ArmRun> runs = new ArrayList<>();
        double[] base = {0.50, 0.52, 0.54};
        double[] expl = {0.55, 0.60, 0.56};
        for (int s = 0; s < 3; s++) {
            runs.add(run("target-only", s, base[s], 0.6));
            runs.add(run("explorer", s, expl[s], 0.7 + 0.01 * s));
            runs.add(run("start", s, 0.4, 0.45));
        }
        Group g = RepresentationExperiment.summarise(runs).get(0);
        assertTrue(g.equalSteps(), g.problems().toString());
        assertEquals(List.of("start", "target-only", "explorer"), g.arms().stream().map(ArmSummary::arm).toList());
        ArmSummary e = g.arms().get(2);
        assertEquals(0.57, e.knn().mean(), 1e-12);
        assertEquals(0.05, e.knnVsBaseline().mean(), 1e-12);
        assertEquals(0.03, e.knnVsBaseline().sd(), 1e-12);
        assertEquals(0.05 - 0.0745301, e.knnVsBaseline().low(), 1e-6);
        assertEquals(0.05 + 0.0745301, e.knnVsBaseline().high(), 1e-6);
        // probe: differences 0.10 0.11 0.12 -> mean 0.11, sd 0.01, half 4.303 x 0.01 / sqrt(3) = 0.024843
        assertEquals(0.11, e.probeVsBaseline().mean(), 1e-12);
        assertEquals(0.11 - 0.0248434, e.probeVsBaseline().low(), 1e-6);
        // the baseline has no difference to itself; the start is compared too (0.4 - 0.52 = -0.12)
        assertEquals(0, g.arms().get(1).knnVsBaseline().n());
        assertEquals(-0.12, g.arms().get(0).knnVsBaseline().mean(), 1e-12);
        assertEquals(List.of(20L, 20L, 20L), e.steps());
        assertEquals(1.0, e.wallMinutes(), 1e-12); // 2 x 30 s of phases, no wall.tsv
        // the k-NN curve: evaluated at steps 10 and 20, mean over seeds
        assertEquals(2, e.knnCurve().size());
        assertEquals(10, e.knnCurve().get(0).steps());
        assertEquals(0.56, e.knnCurve().get(0).mean(), 1e-12);
        assertEquals(20, e.knnCurve().get(1).steps());
        String md = RepresentationReport.markdown(List.of(g));
        assertTrue(md.contains("every trained arm took 20 steps"), md);
        assertTrue(md.contains("+0.050 [-0.025, +0.125]"), md);
        assertFalse(md.contains("WARNING"));
    }

    @Test
    void oneSeedHasNoInterval() {
        Group g = RepresentationExperiment.summarise(List.of(run("target-only", 0, 0.5, 0.5), run("random", 0, 0.6, 0.5)))
                .get(0);
        SeedStats.Estimate d = g.arms().get(1).knnVsBaseline();
        assertEquals(1, d.n());
        assertEquals(0.1, d.mean(), 1e-12);
        assertFalse(d.hasInterval());
        assertTrue(Double.isNaN(d.sd()));
        assertTrue(RepresentationReport.markdown(List.of(g)).contains("+0.100 (one seed: no interval)"));
    }

    @Test
    void gainsAcrossDrawsOfTheStartHaveOneValuePerDrawAndAnIntervalOverDraws() {
        // three draws: labelset - target-only in probe +0.03, +0.01, +0.02 on every seed (mean of each
        // draw), k-NN +0.00, +0.02, +0.04; over draws: probe mean 0.02, sd 0.01, half 4.303 x 0.01 / sqrt(3)
        double[] probeGain = {0.03, 0.01, 0.02};
        double[] knnGain = {0.00, 0.02, 0.04};
        Map<String, List<Group>> byDraw = new java.util.LinkedHashMap<>();
        for (int d = 0; d < 3; d++) {
            List<ArmRun> runs = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                double knn = 0.5 + 0.01 * s + 0.05 * d;
                double probe = 0.6 + 0.02 * s - 0.03 * d;
                runs.add(run("target-only", s, knn, probe));
                runs.add(run("labelset", s, knn + knnGain[d], probe + probeGain[d]));
            }
            if (d == 0) {
                runs.add(run("random", 0, 0.4, 0.5)); // one draw, one seed: a value but no interval
            }
            byDraw.put("draw" + d, RepresentationExperiment.summarise(runs));
        }
        // a fourth draw whose labelset took other steps: left out of the labelset row and named, not
        // averaged in; its random arm, comparable with target-only, still counts
        ArmRun odd = RepresentationExperiment.run("t3", "pool", "labelset", 0, List.of(it(0, 15, 0.9, 0.9, 1)), null);
        // and whose start arm trained 3 steps: not a start, left out of the start row
        ArmRun trained = RepresentationExperiment.run("t3", "pool", "start", 0, List.of(it(0, 3, 0.4, 0.4, 1)), null);
        byDraw.put("draw3", RepresentationExperiment.summarise(List.of(run("target-only", 0, 0.5, 0.5), odd,
                run("random", 0, 0.3, 0.5), trained)));

        List<RepresentationExperiment.AcrossStarts> rows = RepresentationExperiment.acrossStarts(byDraw);
        assertEquals(List.of("start", "random", "labelset"),
                rows.stream().map(RepresentationExperiment.AcrossStarts::arm).toList());
        RepresentationExperiment.AcrossStarts st = rows.get(0);
        assertTrue(st.draws().isEmpty(), st.draws().toString());
        assertEquals(List.of("draw3 left out: [start seed 0 took 3 optimiser steps; it must take none]"), st.problems());
        RepresentationExperiment.AcrossStarts ls = rows.get(2);
        assertEquals(List.of("draw0", "draw1", "draw2"), ls.draws());
        assertEquals(List.of(3, 3, 3), ls.seedsByDraw());
        assertEquals(0.03, ls.probeByDraw().get(0), 1e-12);
        assertEquals(3, ls.probe().n());
        assertEquals(0.02, ls.probe().mean(), 1e-12);
        assertEquals(0.01, ls.probe().sd(), 1e-12);
        assertEquals(0.02 - 0.0248434, ls.probe().low(), 1e-6);
        assertEquals(0.02, ls.knn().mean(), 1e-12);
        assertEquals(0.02, ls.knn().sd(), 1e-12);
        assertEquals(1, ls.problems().size(), ls.problems().toString());
        assertTrue(ls.problems().get(0).startsWith("draw3 left out"), ls.problems().toString());
        RepresentationExperiment.AcrossStarts rnd = rows.get(1);
        assertEquals(List.of("draw0", "draw3"), rnd.draws());
        assertEquals(List.of(1, 1), rnd.seedsByDraw());
        assertEquals(List.of(-0.1, -0.2), rnd.knnByDraw().stream().map(d -> Math.round(d * 1e9) / 1e9).toList());
        assertTrue(rnd.problems().isEmpty(), rnd.problems().toString());
        String md = RepresentationReport.acrossMarkdown(rows);
        assertTrue(md.contains("| explorer, label set (loop, GP sampler, half the queries class names) | 3 (3, 3, 3) | +0.000 +0.020 +0.040 | +0.020 ["), md);
        assertTrue(md.contains("+0.030 +0.010 +0.020 | +0.020 [-0.005, +0.045] |"), md);
        assertTrue(md.contains("draw3 left out"), md);
        assertTrue(md.contains("| random (loop, random sampler) | 2 (1, 1) | -0.100 -0.200 | -0.150 ["), md);
        // against random (seed 0 of draw 0 only): labelset 0.50 / 0.63 against 0.40 / 0.50
        List<RepresentationExperiment.AcrossStarts> vsRandom = RepresentationExperiment.acrossStarts(byDraw, "random");
        RepresentationExperiment.AcrossStarts lr = vsRandom.stream().filter(r -> r.arm().equals("labelset")).findFirst()
                .orElseThrow();
        assertEquals(List.of("draw0"), lr.draws()); // draw3's labelset is not comparable with random either
        assertEquals(List.of(1), lr.seedsByDraw());
        assertEquals(0.10, lr.knn().mean(), 1e-12);
        assertEquals(0.13, lr.probe().mean(), 1e-12);
        assertTrue(lr.problems().get(0).startsWith("draw3 left out: [seed 0: labelset took 15 optimiser steps, random 20]"),
                lr.problems().toString());
        String mdRandom = RepresentationReport.acrossMarkdown(vsRandom);
        assertTrue(mdRandom.startsWith("# Gains over random across draws"), mdRandom);
        assertTrue(mdRandom.contains("+0.100 (one draw: no interval)"), mdRandom);
    }

    @Test
    void unequalStepsAreReportedLoudly() {
        ArmRun random = RepresentationExperiment.run("t3", "pool", "random", 0,
                List.of(it(0, 15, 0.5, 0.5, 1)), null); // one iteration of 15 steps against 2 x 10
        ArmRun trainedStart = RepresentationExperiment.run("t3", "pool", "start", 0, List.of(it(0, 3, 0.4, 0.4, 1)), null);
        Group g = RepresentationExperiment.summarise(List.of(run("target-only", 0, 0.5, 0.5), random, trainedStart)).get(0);
        assertFalse(g.equalSteps());
        assertEquals(2, g.problems().size(), g.problems().toString());
        assertTrue(g.problems().get(0).contains("start seed 0 took 3"));
        assertTrue(g.problems().get(1).contains("random took 15 optimiser steps, target-only 20"));
        String md = RepresentationReport.markdown(List.of(g));
        assertTrue(md.contains("**WARNING: THE ARMS ARE NOT COMPARABLE"), md);
        // same total, different evaluation points: also not comparable
        ArmRun other = RepresentationExperiment.run("t3", "pool", "oracle", 0,
                List.of(it(0, 5, 0.5, null, 1), it(1, 15, 0.6, 0.6, 1)), null);
        Group h = RepresentationExperiment.summarise(List.of(run("target-only", 0, 0.5, 0.5), other)).get(0);
        assertTrue(h.problems().get(0).contains("evaluated at steps [5, 20]"), h.problems().toString());
    }

    @Test
    void readsRunFoldersWallTimesAndWritesTheChart(@TempDir Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String name : List.of("t3large-random-target-only-seed0", "t3large-random-explorer-seed0",
                "t3large-random-labelset-seed0", "not-a-run")) {
            Path run = Files.createDirectories(dir.resolve(name));
            List<IterationRecord> its = List.of(it(0, 10, 0.5, null, 5), it(1, 10, 0.6, 0.7, 5), it(2, 10, 0.9, 0.9, 5));
            StringBuilder lines = new StringBuilder();
            for (IterationRecord r : its) {
                lines.append(json.writeValueAsString(r)).append('\n');
            }
            Files.writeString(run.resolve("iterations.jsonl"), lines);
            // the third line is uncommitted: it is not part of the result
            Files.writeString(run.resolve("state.json"), "{\"completedIterations\":2,\"logLengths\":{}}");
        }
        Files.writeString(dir.resolve("wall.tsv"), "t3large-random-explorer-seed0\t120.5\n");
        List<ArmRun> runs = RepresentationExperiment.read(dir);
        assertEquals(3, runs.size());
        assertEquals(List.of("explorer", "labelset", "target-only"), runs.stream().map(ArmRun::arm).toList());
        ArmRun e = runs.get(0);
        assertEquals("t3large", e.target());
        assertEquals("random", e.start());
        assertEquals("explorer", e.arm());
        assertEquals(20, e.steps());
        assertEquals(0.6, e.knn(), 1e-12);
        assertEquals(0.7, e.probe(), 1e-12);
        assertEquals(120.5, e.wallSeconds(), 1e-12);
        assertEquals(10.0, runs.get(2).wallSeconds(), 1e-12); // the phases of two committed iterations
        Group g = RepresentationExperiment.summarise(runs).get(0);
        String svg = RepresentationReport.chart(g);
        assertTrue(svg.startsWith("<svg") && svg.contains("optimiser steps") && svg.contains("linear-probe accuracy"));
        // the command writes the three outputs next to the runs
        int rc = new picocli.CommandLine(new dev.explorer.report.cli.ExperimentCommand()).execute("summarize", dir.toString());
        assertEquals(0, rc);
        assertTrue(Files.readString(dir.resolve("summary.md")).contains("| target-only | 1 | 0.600 | 0.700 |"));
        assertTrue(Files.readString(dir.resolve("t3large-random.svg")).startsWith("<svg"));
        assertEquals("t3large", json.readTree(dir.resolve("summary.json").toFile()).get(0).get("target").asText());
        assertEquals(2, new picocli.CommandLine(new dev.explorer.report.cli.ExperimentCommand())
                .setExecutionExceptionHandler((ex, cl, pr) -> ex instanceof dev.explorer.config.cli.UsageException ? 2 : 1)
                .execute("summarize", dir.resolve("not-a-run").toString()));
    }

    @Test
    void countsNewAndRelevantImagesOfCommittedIterations(@TempDir Path dir) throws Exception {
        Path run = Files.createDirectories(dir.resolve("t4-pool-oracle-seed1"));
        ObjectMapper json = new ObjectMapper();
        Files.writeString(run.resolve("iterations.jsonl"), json.writeValueAsString(it(0, 10, 0.5, 0.5, 1)) + "\n");
        Files.writeString(run.resolve("state.json"), "{\"completedIterations\":1,\"logLengths\":{}}");
        // iteration 0: a (relevant by source), b (relevant by topic) twice, c (irrelevant), d seen before
        // (a failure), e failed to download; iteration 1 is uncommitted
        Files.writeString(run.resolve("rewards.jsonl"), String.join("\n",
                "{\"iteration\":0,\"images\":[" + img("a", "h1", null) + "," + img("b", "h2", null) + "," + img("c", "h3", null)
                        + "," + img("d", "h4", "seen") + "," + img("e", null, "timeout") + "]}",
                "{\"iteration\":0,\"images\":[" + img("b", "h2", null) + "]}",
                "{\"iteration\":1,\"images\":[" + img("f", "h5", null) + "]}") + "\n");
        Path truth = dir.resolve("eval.jsonl");
        Files.writeString(truth, String.join("\n",
                "{\"id\":\"a\",\"source\":\"fashion-mnist\",\"topic\":\"object\"}",
                "{\"id\":\"b\",\"source\":\"openmoji\",\"topic\":\"clothing\"}",
                "{\"id\":\"c\",\"source\":\"openmoji\",\"topic\":\"animal\"}",
                "{\"id\":\"d\",\"source\":\"fashion-mnist\",\"topic\":\"clothing\"}",
                "{\"id\":\"f\",\"source\":\"fashion-mnist\",\"topic\":\"clothing\"}") + "\n");
        RepresentationExperiment.Relevance rel = RepresentationExperiment.Relevance.load(truth,
                Map.of("t4", java.util.Set.of("fashion-mnist", "clothing")));
        ArmRun r = RepresentationExperiment.read(dir, rel).get(0);
        assertEquals(3, r.newImages()); // a, b, c
        assertEquals(2, r.newRelevant()); // a by source, b by topic
        assertEquals(null, RepresentationExperiment.read(dir).get(0).newImages()); // no ground truth: unknown
        String md = RepresentationReport.markdown(RepresentationExperiment.summarise(RepresentationExperiment.read(dir, rel)));
        assertTrue(md.contains("| 3 (2) |"), md);

        // train.newKeep: only the best share of each iteration's new images by reward were trained on
        Path kept = Files.createDirectories(dir.resolve("kept"));
        Path run2 = Files.createDirectories(kept.resolve("t4-pool-explorer-seed1"));
        Files.copy(run.resolve("iterations.jsonl"), run2.resolve("iterations.jsonl"));
        Files.copy(run.resolve("state.json"), run2.resolve("state.json"));
        Files.writeString(run2.resolve("rewards.jsonl"), "{\"iteration\":0,\"images\":["
                + img("a", "h1", null).replace("\"reward\":null", "\"reward\":0.1") + ","
                + img("b", "h2", null).replace("\"reward\":null", "\"reward\":0.5") + ","
                + img("c", "h3", null).replace("\"reward\":null", "\"reward\":0.9") + "]}\n");
        ArmRun all = RepresentationExperiment.read(kept, rel).get(0);
        assertEquals(3, all.newImages());
        Files.writeString(run2.resolve("config.yaml"), "train:\n  newKeep: 0.67\n");
        ArmRun best = RepresentationExperiment.read(kept, rel).get(0);
        assertEquals(2, best.newImages()); // floor(3 x 0.67): c and b, the best two
        assertEquals(1, best.newRelevant()); // b; a (relevant) was not trained on
    }

    @Test
    void secondMeasureFromEvalAlsoIsSummarisedAsItsOwnPairedGroup(@TempDir Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        // three seeds of target-only and explorer on t4small; each final encoder also evaluated on t4
        double[] baseProbe = {0.70, 0.72, 0.74};
        double[] explProbe = {0.73, 0.77, 0.75};
        Path also = Files.createDirectories(dir.resolve(RepresentationExperiment.EVAL_ALSO).resolve("t4"));
        for (int s = 0; s < 3; s++) {
            for (String arm : List.of("target-only", "explorer")) {
                String name = "t4small-holdout-" + arm + "-seed" + s;
                Path run = Files.createDirectories(dir.resolve(name));
                Files.writeString(run.resolve("iterations.jsonl"), json.writeValueAsString(it(0, 10, 0.5, 0.6, 1)) + "\n"
                        + json.writeValueAsString(it(1, 10, 0.55, 0.65, 1)) + "\n");
                Files.writeString(run.resolve("state.json"), "{\"completedIterations\":2,\"logLengths\":{}}");
                double p = arm.equals("explorer") ? explProbe[s] : baseProbe[s];
                if (!(arm.equals("explorer") && s == 2)) { // one evaluation missing: that seed is left out of its pair
                    Files.writeString(also.resolve(name + ".json"), "{\"encoder\":\"x\",\"knn\":0.6" + s
                            + ",\"linearProbe\":" + p + ",\"train\":500,\"test\":2000}\n");
                }
            }
        }
        List<Group> groups = RepresentationExperiment.summarise(RepresentationExperiment.read(dir));
        assertEquals(List.of("t4small", "t4small-on-t4"), groups.stream().map(Group::target).toList());
        Group first = groups.get(0);
        assertEquals(0.65, first.arms().get(1).probe().mean(), 1e-12); // the loop's own measure, unchanged
        Group second = groups.get(1);
        assertTrue(second.equalSteps(), second.problems().toString());
        ArmSummary e = second.arms().get(1);
        assertEquals("explorer", e.arm());
        assertEquals(List.of(20L, 20L), e.steps());
        assertEquals(0.75, e.probe().mean(), 1e-12); // 0.73, 0.77
        // paired over seeds 0 and 1: differences 0.03 and 0.05
        assertEquals(2, e.probeVsBaseline().n());
        assertEquals(0.04, e.probeVsBaseline().mean(), 1e-12);
        assertEquals(0.0, e.knnVsBaseline().mean(), 1e-12); // same k-NN per seed
        String md = RepresentationReport.markdown(groups);
        assertTrue(md.contains("## t4small-on-t4, start holdout"), md);
        assertTrue(md.contains("evaluated once more by `explorer eval` on the labelled split of t4"), md);
        // a file that is not eval's JSON names itself and the fix
        Files.writeString(also.resolve("t4small-holdout-explorer-seed2.json"), "oops\n");
        java.io.IOException bad = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> RepresentationExperiment.read(dir));
        assertTrue(bad.getMessage().contains("t4small-holdout-explorer-seed2.json") && bad.getMessage().contains("delete it"),
                bad.getMessage());
    }

    static String img(String id, String sha, String failure) {
        return "{\"id\":\"" + id + "\",\"url\":\"u\",\"sha256\":" + (sha == null ? "null" : "\"" + sha + "\"")
                + ",\"reward\":null,\"kept\":false,\"failure\":" + (failure == null ? "null" : "\"" + failure + "\"") + "}";
    }
}
