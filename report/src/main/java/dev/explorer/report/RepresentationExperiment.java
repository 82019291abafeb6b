package dev.explorer.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.explorer.run.IterationRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The representation experiment (issue 14, the paper's Table 1): for each target and start, the
 * arms start (no training), target-only, random, explorer (GP), labelset (the GP with the target's
 * class names: the paper's "IE, label set") and oracle (the upper reference: ground truth chooses
 * the images; not a method), several seeds each. This class reads the runs
 * of an experiment folder ({@code <target>-<start>-<arm>-seed<N>/}, as
 * {@code scripts/experiment-representation} names them) and does the arithmetic: accuracy per
 * arm over seeds, the paired difference to target-only with its 95% interval, and the check that
 * every trained arm took the same optimiser steps at the same evaluation points.
 */
public final class RepresentationExperiment {
    /** The arms in the order tables and charts show them. */
    public static final List<String> ARMS = List.of("start", "target-only", "random", "explorer", "labelset", "oracle");
    public static final String BASELINE = "target-only";

    private static final Pattern NAME = Pattern.compile(
            "^(?<target>.+)-(?<start>[A-Za-z0-9]+)-(?<arm>start|target-only|random|explorer|labelset|oracle)-seed(?<seed>\\d+)$");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private RepresentationExperiment() {}

    /** An evaluation during a run: cumulative optimiser steps when it was taken, and its accuracies. */
    public record EvalPoint(long steps, Double knn, Double probe) {}

    /**
     * One run of one arm with one seed.
     *
     * @param steps        optimiser steps of the whole run
     * @param wallSeconds  the script's wall time of the run when it recorded one, else the sum of the phases
     * @param knn          the last evaluation's k-NN accuracy (null without one)
     * @param probe        the last evaluation's linear-probe accuracy
     * @param newImages    distinct new images the run downloaded (each is in its iteration's training set);
     *                     null when unknown
     * @param newRelevant  how many of them are relevant by the pool's ground truth; null when unknown
     */
    public record ArmRun(String target, String start, String arm, int seed, List<EvalPoint> points, long steps,
            double wallSeconds, Double knn, Double probe, Integer newImages, Integer newRelevant) {
        ArmRun withImages(Integer images, Integer relevant) {
            return new ArmRun(target, start, arm, seed, points, steps, wallSeconds, knn, probe, images, relevant);
        }
    }

    /**
     * The pool's ground truth (evaluation only) and, per target, what is relevant to it: names that
     * match an image's ground-truth topic or its source (e.g. t3large=footwear, t4=fashion-mnist).
     */
    public record Relevance(Map<String, String[]> sourceAndTopicById, Map<String, java.util.Set<String>> byTarget) {
        /** Reads {@code eval.jsonl} (or the file given) of a pool. */
        public static Relevance load(Path poolOrFile, Map<String, java.util.Set<String>> byTarget) throws IOException {
            Path f = Files.isDirectory(poolOrFile) ? poolOrFile.resolve("eval.jsonl") : poolOrFile;
            Map<String, String[]> truth = new java.util.HashMap<>();
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    JsonNode n = JSON.readTree(line);
                    truth.put(n.path("id").asText(), new String[] {n.path("source").asText(), n.path("topic").asText()});
                }
            }
            return new Relevance(truth, Map.copyOf(byTarget));
        }

        boolean knows(String target) {
            return byTarget.containsKey(target);
        }

        boolean relevant(String target, String id) {
            String[] st = sourceAndTopicById.get(id);
            java.util.Set<String> names = byTarget.get(target);
            return st != null && names != null && (names.contains(st[0]) || names.contains(st[1]));
        }
    }

    /** One arm of a (target, start) group over its seeds. */
    public record ArmSummary(String arm, String label, List<Integer> seeds, SeedStats.Estimate knn,
            SeedStats.Estimate probe, SeedStats.Estimate knnVsBaseline, SeedStats.Estimate probeVsBaseline,
            List<Long> steps, double wallMinutes, List<CurvePoint> knnCurve, List<CurvePoint> probeCurve,
            SeedStats.Estimate newImages, SeedStats.Estimate newRelevant, Map<Integer, ArmRun> runs) {}

    /** Mean and sd over seeds of an accuracy at one step count. */
    public record CurvePoint(long steps, int n, double mean, double sd) {}

    /**
     * A (target, start) group.
     *
     * @param problems why its arms are not comparable (unequal steps or evaluation points, seeds
     *                 missing from the baseline); empty when they are
     */
    public record Group(String target, String start, List<ArmSummary> arms, List<String> problems) {
        public boolean equalSteps() {
            return problems.isEmpty();
        }
    }

    /** What the table calls an arm; the oracle is labelled as the reference it is. */
    public static String label(String arm) {
        return switch (arm) {
            case "start" -> "start (no training)";
            case "target-only" -> "target-only";
            case "random" -> "random (loop, random sampler)";
            case "explorer" -> "explorer (loop, GP sampler)";
            case "labelset" -> "explorer, label set (loop, GP sampler, half the queries class names)";
            case "oracle" -> "oracle (upper reference, not a method: ground truth picks the images)";
            default -> arm;
        };
    }

    /** Reads every run folder of an experiment (names as above; others are skipped). */
    public static List<ArmRun> read(Path dir) throws IOException {
        return read(dir, null);
    }

    /** As {@link #read(Path)}, counting new and new relevant images where {@code relevance} knows the target. */
    public static List<ArmRun> read(Path dir, Relevance relevance) throws IOException {
        Map<String, Double> wall = readWall(dir.resolve("wall.tsv"));
        List<Path> others = alsoTargets(dir);
        List<ArmRun> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (!Files.isDirectory(p) || !m.matches() || !Files.isRegularFile(p.resolve("iterations.jsonl"))) {
                    continue;
                }
                List<IterationRecord> its = readIterations(p);
                ArmRun r = run(m.group("target"), m.group("start"), m.group("arm"), Integer.parseInt(m.group("seed")), its,
                        wall.get(p.getFileName().toString()));
                if (relevance != null && relevance.knows(r.target())) {
                    int[] counts = newImages(p, its.size(), r.target(), relevance);
                    r = r.withImages(counts[0], counts[1]);
                }
                out.add(r);
                out.addAll(alsoEvaluated(others, p.getFileName().toString(), r));
            }
        }
        return out;
    }

    /**
     * The folder of second measures: {@code eval-also/<other>/<run>.json}, the run's final encoder
     * evaluated on another labelled target ({@code explorer eval --checkpoint ... --json}, written by
     * the script with {@code EVAL_ALSO}), e.g. T4-small's runs probed with T4's 500 labelled images
     * instead of 50, on the same test images.
     */
    public static final String EVAL_ALSO = "eval-also";
    /** Joins a run's target and the other target of its second measure in the group's name: {@code t4small-on-t4}. */
    public static final String ON = "-on-";

    /** The other targets of an experiment's second measures (folders under {@link #EVAL_ALSO}). */
    private static List<Path> alsoTargets(Path dir) throws IOException {
        Path also = dir.resolve(EVAL_ALSO);
        if (!Files.isDirectory(also)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(also)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    /**
     * A run's second measures, each as a run of the group {@code <target>-on-<other>}: one
     * evaluation at the run's final step count, so the same arithmetic (mean, sd, paired difference
     * to target-only, equal steps) applies; images and wall time are the run's own.
     */
    private static List<ArmRun> alsoEvaluated(List<Path> others, String runName, ArmRun r) throws IOException {
        List<ArmRun> out = new ArrayList<>();
        for (Path other : others) {
            Path f = other.resolve(runName + ".json");
            if (!Files.isRegularFile(f) || Files.size(f) == 0) {
                continue;
            }
            JsonNode n = lastJson(f);
            Double knn = n.hasNonNull("knn") ? n.get("knn").asDouble() : null;
            Double probe = n.hasNonNull("linearProbe") ? n.get("linearProbe").asDouble() : null;
            out.add(new ArmRun(r.target() + ON + other.getFileName(), r.start(), r.arm(), r.seed(),
                    List.of(new EvalPoint(r.steps(), knn, probe)), r.steps(), r.wallSeconds(), knn, probe,
                    r.newImages(), r.newRelevant()));
        }
        return out;
    }

    /** The last JSON line of a file ({@code explorer eval --json} prints one per evaluation). */
    private static JsonNode lastJson(Path f) throws IOException {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        try {
            return JSON.readTree(lines.get(lines.size() - 1));
        } catch (IOException | RuntimeException e) {
            throw new IOException(f + " is not the JSON of explorer eval --json (" + e.getMessage()
                    + "); delete it and run the script again to redo that evaluation", e);
        }
    }

    /** One run's numbers from its committed iterations; {@code wallSeconds} null = the sum of its phases. */
    public static ArmRun run(String target, String start, String arm, int seed, List<IterationRecord> its,
            Double wallSeconds) {
        List<EvalPoint> points = new ArrayList<>();
        long steps = 0;
        double phases = 0;
        Double knn = null;
        Double probe = null;
        for (IterationRecord r : its) {
            steps += r.trainSteps();
            phases += r.seconds() == null ? 0 : r.seconds().values().stream().mapToDouble(Double::doubleValue).sum();
            if (r.knnAccuracy() != null || r.linearProbeAccuracy() != null) {
                points.add(new EvalPoint(steps, r.knnAccuracy(), r.linearProbeAccuracy()));
                knn = r.knnAccuracy() != null ? r.knnAccuracy() : knn;
                probe = r.linearProbeAccuracy() != null ? r.linearProbeAccuracy() : probe;
            }
        }
        return new ArmRun(target, start, arm, seed, points, steps, wallSeconds != null ? wallSeconds : phases, knn, probe,
                null, null);
    }

    /**
     * Distinct new images (downloaded and decoded, not seen before) that joined their iteration's
     * training set, in the committed iterations' lines of rewards.jsonl, and how many of them are
     * relevant: every new image, or with {@code train.newKeep} below 1 (read from the run's
     * config.yaml) the best that share of each iteration's new images by reward, as the loop trains.
     */
    static int[] newImages(Path run, int committed, String target, Relevance relevance) throws IOException {
        Path f = run.resolve("rewards.jsonl");
        if (!Files.isRegularFile(f)) {
            return new int[] {0, 0};
        }
        Map<String, Integer> iterationOf = new LinkedHashMap<>();
        Map<String, Double> rewardOf = new java.util.HashMap<>();
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode q = JSON.readTree(line);
            int it = q.path("iteration").asInt();
            if (it >= committed) {
                continue;
            }
            for (JsonNode img : q.path("images")) {
                String id = img.path("id").asText(null);
                if (id != null && img.hasNonNull("sha256") && img.path("failure").isNull()
                        && iterationOf.putIfAbsent(id, it) == null) {
                    rewardOf.put(id, img.path("reward").asDouble(Double.NEGATIVE_INFINITY));
                }
            }
        }
        dev.explorer.config.TrainConfig train = trainConfig(run);
        Map<Integer, List<String>> byIteration = new TreeMap<>();
        iterationOf.forEach((id, it) -> byIteration.computeIfAbsent(it, k -> new ArrayList<>()).add(id));
        int trained = 0;
        int relevant = 0;
        for (List<String> ids : byIteration.values()) {
            List<String> used = ids;
            int n = train.newTrained(ids.size());
            if (n < ids.size()) {
                used = new ArrayList<>(ids);
                used.sort(Comparator.comparingDouble((String id) -> rewardOf.get(id)).reversed());
                used = used.subList(0, n);
            }
            trained += used.size();
            for (String id : used) {
                relevant += relevance.relevant(target, id) ? 1 : 0;
            }
        }
        return new int[] {trained, relevant};
    }

    /** A run's training settings (the defaults, every new image trained on, when its config does not load). */
    private static dev.explorer.config.TrainConfig trainConfig(Path run) {
        Path cfg = run.resolve("config.yaml");
        if (!Files.isRegularFile(cfg)) {
            return dev.explorer.config.TrainConfig.DEFAULTS;
        }
        try {
            return dev.explorer.config.ConfigLoader.builder().preset("cpu").file(cfg).checkPaths(false).load().train();
        } catch (RuntimeException e) {
            return dev.explorer.config.TrainConfig.DEFAULTS;
        }
    }

    /** Groups the runs by (target, start) and summarises each, arms in {@link #ARMS} order. */
    public static List<Group> summarise(List<ArmRun> runs) {
        Map<String, List<ArmRun>> byGroup = new TreeMap<>();
        for (ArmRun r : runs) {
            byGroup.computeIfAbsent(r.target() + "\u0000" + r.start(), k -> new ArrayList<>()).add(r);
        }
        List<Group> out = new ArrayList<>();
        for (List<ArmRun> g : byGroup.values()) {
            out.add(group(g));
        }
        return out;
    }

    private static Group group(List<ArmRun> runs) {
        String target = runs.get(0).target();
        String start = runs.get(0).start();
        Map<String, Map<Integer, ArmRun>> byArm = new LinkedHashMap<>();
        for (String a : ARMS) {
            byArm.put(a, new TreeMap<>());
        }
        for (ArmRun r : runs) {
            byArm.get(r.arm()).put(r.seed(), r);
        }
        TreeSet<Integer> seeds = new TreeSet<>();
        runs.forEach(r -> seeds.add(r.seed()));
        List<Integer> seedList = List.copyOf(seeds);
        Map<Integer, ArmRun> base = byArm.get(BASELINE);
        List<ArmSummary> arms = new ArrayList<>();
        for (String a : ARMS) {
            Map<Integer, ArmRun> m = byArm.get(a);
            if (m.isEmpty()) {
                continue;
            }
            List<Double> knn = new ArrayList<>();
            List<Double> probe = new ArrayList<>();
            List<Double> bKnn = new ArrayList<>();
            List<Double> bProbe = new ArrayList<>();
            for (int s : seedList) {
                ArmRun r = m.get(s);
                ArmRun b = base.get(s);
                knn.add(r == null ? null : r.knn());
                probe.add(r == null ? null : r.probe());
                bKnn.add(b == null ? null : b.knn());
                bProbe.add(b == null ? null : b.probe());
            }
            boolean paired = !base.isEmpty() && !a.equals(BASELINE);
            SeedStats.Estimate none = new SeedStats.Estimate(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            double wall = m.values().stream().mapToDouble(ArmRun::wallSeconds).average().orElse(Double.NaN) / 60;
            arms.add(new ArmSummary(a, label(a), List.copyOf(m.keySet()), SeedStats.estimate(knn), SeedStats.estimate(probe),
                    paired ? SeedStats.pairedDifference(knn, bKnn) : none,
                    paired ? SeedStats.pairedDifference(probe, bProbe) : none,
                    m.values().stream().map(ArmRun::steps).toList(), wall, curve(m.values(), true), curve(m.values(), false),
                    SeedStats.estimate(m.values().stream().map(r -> r.newImages() == null ? null : (double) r.newImages())
                            .toList()),
                    SeedStats.estimate(m.values().stream().map(r -> r.newRelevant() == null ? null : (double) r.newRelevant())
                            .toList()), Map.copyOf(m)));
        }
        return new Group(target, start, arms, problems(byArm, seedList));
    }

    /**
     * One arm's gain over a baseline arm across several draws (builds) of the start. Within a draw
     * the seeds share the start, so a draw contributes one value, the mean over its seeds of the
     * paired difference to the baseline (seeds that ran both arms); the interval is over draws
     * (n - 1 degrees of freedom), the start treated as the random factor it is. A draw where this arm
     * and the baseline took unequal steps (or were evaluated at other steps) is left out of this arm's
     * row and named in {@code problems}; other arms of that draw still count.
     *
     * @param baseline     the arm every difference is to (target-only unless asked otherwise)
     * @param draws        the folders (draws) that ran this arm and the baseline, in the order given
     * @param knnByDraw    each draw's mean paired k-NN difference to the baseline
     * @param probeByDraw  the same for the linear probe
     * @param seedsByDraw  how many paired seeds each draw's mean is over
     */
    public record AcrossStarts(String target, String start, String arm, String baseline, List<String> draws,
            List<Double> knnByDraw, List<Double> probeByDraw, List<Integer> seedsByDraw, SeedStats.Estimate knn,
            SeedStats.Estimate probe, List<String> problems) {}

    /** {@link #acrossStarts(Map, String)} against target-only. */
    public static List<AcrossStarts> acrossStarts(Map<String, List<Group>> byDraw) {
        return acrossStarts(byDraw, BASELINE);
    }

    /**
     * Each arm's gain over {@code baseline} across draws of the start: {@code byDraw} maps a draw's
     * name (its folder) to the groups {@link #summarise} found in it; groups are matched by target
     * and start.
     */
    public static List<AcrossStarts> acrossStarts(Map<String, List<Group>> byDraw, String baseline) {
        if (!ARMS.contains(baseline)) {
            throw new IllegalArgumentException("unknown baseline arm '" + baseline + "'; arms are " + ARMS);
        }
        Map<String, Map<String, Group>> byKey = new TreeMap<>();
        byDraw.forEach((draw, groups) -> groups.forEach(g -> byKey.computeIfAbsent(g.target() + "\u0000" + g.start(),
                k -> new LinkedHashMap<>()).put(draw, g)));
        List<AcrossStarts> out = new ArrayList<>();
        for (Map<String, Group> perDraw : byKey.values()) {
            Group first = perDraw.values().iterator().next();
            for (String arm : ARMS) {
                if (arm.equals(baseline)) {
                    continue;
                }
                List<String> draws = new ArrayList<>();
                List<Double> knn = new ArrayList<>();
                List<Double> probe = new ArrayList<>();
                List<Integer> seeds = new ArrayList<>();
                List<String> problems = new ArrayList<>();
                perDraw.forEach((draw, g) -> {
                    ArmSummary a = g.arms().stream().filter(x -> x.arm().equals(arm)).findFirst().orElse(null);
                    ArmSummary b = g.arms().stream().filter(x -> x.arm().equals(baseline)).findFirst().orElse(null);
                    if (a == null || b == null) {
                        return;
                    }
                    // only this pair must be comparable: another arm still running does not void the draw
                    List<String> unequal = unequalSteps(a, b);
                    if (!unequal.isEmpty()) {
                        problems.add(draw + " left out: " + unequal);
                        return;
                    }
                    List<Double> ak = new ArrayList<>();
                    List<Double> bk = new ArrayList<>();
                    List<Double> ap = new ArrayList<>();
                    List<Double> bp = new ArrayList<>();
                    for (Map.Entry<Integer, ArmRun> e : new TreeMap<>(a.runs()).entrySet()) {
                        ArmRun other = b.runs().get(e.getKey());
                        if (other != null) {
                            ak.add(e.getValue().knn());
                            bk.add(other.knn());
                            ap.add(e.getValue().probe());
                            bp.add(other.probe());
                        }
                    }
                    SeedStats.Estimate dk = SeedStats.pairedDifference(ak, bk);
                    SeedStats.Estimate dp = SeedStats.pairedDifference(ap, bp);
                    if (dk.n() > 0 || dp.n() > 0) {
                        draws.add(draw);
                        knn.add(dk.n() > 0 ? dk.mean() : null);
                        probe.add(dp.n() > 0 ? dp.mean() : null);
                        seeds.add(Math.max(dk.n(), dp.n()));
                    }
                });
                if (!draws.isEmpty() || !problems.isEmpty()) {
                    out.add(new AcrossStarts(first.target(), first.start(), arm, baseline, draws, knn, probe, seeds,
                            SeedStats.estimate(knn), SeedStats.estimate(probe), problems));
                }
            }
        }
        return out;
    }

    /**
     * Why an arm and its baseline are not comparable seed by seed: a start arm that trained, or
     * another count of optimiser steps or other evaluation points than the baseline's.
     */
    private static List<String> unequalSteps(ArmSummary a, ArmSummary b) {
        List<String> out = new ArrayList<>();
        for (ArmSummary x : List.of(a, b)) {
            if (x.arm().equals("start")) {
                x.runs().values().stream().map(RepresentationExperiment::trainedStart).filter(Objects::nonNull)
                        .forEach(out::add);
            }
        }
        if (a.arm().equals("start") || b.arm().equals("start")) {
            return out;
        }
        for (Map.Entry<Integer, ArmRun> e : new TreeMap<>(a.runs()).entrySet()) {
            ArmRun ref = b.runs().get(e.getKey());
            String why = ref == null ? null : stepMismatch(e.getValue(), ref);
            if (why != null) {
                out.add(why);
            }
        }
        return out;
    }

    /** Mean and sd over seeds at each step count that has an evaluation. */
    private static List<CurvePoint> curve(java.util.Collection<ArmRun> runs, boolean knn) {
        Map<Long, List<Double>> at = new TreeMap<>();
        for (ArmRun r : runs) {
            for (EvalPoint p : r.points()) {
                Double v = knn ? p.knn() : p.probe();
                if (v != null) {
                    at.computeIfAbsent(p.steps(), k -> new ArrayList<>()).add(v);
                }
            }
        }
        List<CurvePoint> out = new ArrayList<>();
        at.forEach((steps, v) -> {
            SeedStats.Estimate e = SeedStats.estimate(v);
            out.add(new CurvePoint(steps, e.n(), e.mean(), e.sd()));
        });
        return out;
    }

    /**
     * Everything that makes the arms not comparable: a trained arm whose steps or evaluation points
     * differ from the others' at the same seed, a start arm that trained, a seed the baseline lacks.
     */
    static List<String> problems(Map<String, Map<Integer, ArmRun>> byArm, List<Integer> seeds) {
        List<String> out = new ArrayList<>();
        byArm.get("start").values().stream().map(RepresentationExperiment::trainedStart).filter(Objects::nonNull)
                .forEach(out::add);
        for (int s : seeds) {
            ArmRun ref = null;
            for (String a : ARMS) {
                ArmRun r = byArm.get(a).get(s);
                if (a.equals("start") || r == null) {
                    continue;
                }
                if (ref == null) {
                    ref = r;
                } else if (stepMismatch(r, ref) != null) {
                    out.add(stepMismatch(r, ref));
                }
            }
            if (!byArm.get(BASELINE).isEmpty() && !byArm.get(BASELINE).containsKey(s)) {
                out.add("seed " + s + " has no " + BASELINE + " run to pair with");
            }
        }
        List<ArmRun> all = byArm.values().stream().flatMap(m -> m.values().stream()).filter(r -> !r.arm().equals("start"))
                .sorted(Comparator.comparingInt(ArmRun::seed)).toList();
        if (!all.isEmpty() && all.stream().map(ArmRun::steps).distinct().count() > 1 && out.isEmpty()) {
            out.add("seeds took different optimiser steps: " + all.stream().map(r -> r.arm() + "/seed" + r.seed() + "="
                    + r.steps()).toList());
        }
        return out;
    }

    /** Why a start run is not a start (it trained), or null. */
    private static String trainedStart(ArmRun r) {
        return r.steps() == 0 ? null : "start seed " + r.seed() + " took " + r.steps() + " optimiser steps; it must take none";
    }

    /** Why two trained runs of one seed are not comparable (other steps, other evaluation points), or null. */
    private static String stepMismatch(ArmRun r, ArmRun ref) {
        if (r.steps() != ref.steps()) {
            return "seed " + r.seed() + ": " + r.arm() + " took " + r.steps() + " optimiser steps, " + ref.arm() + " "
                    + ref.steps();
        }
        if (!stepsOf(r).equals(stepsOf(ref))) {
            return "seed " + r.seed() + ": " + r.arm() + " was evaluated at steps " + stepsOf(r) + ", " + ref.arm() + " at "
                    + stepsOf(ref);
        }
        return null;
    }

    private static List<Long> stepsOf(ArmRun r) {
        return r.points().stream().map(EvalPoint::steps).toList();
    }

    private static List<IterationRecord> readIterations(Path run) throws IOException {
        int committed = Integer.MAX_VALUE;
        Path state = run.resolve("state.json");
        if (Files.isRegularFile(state)) {
            JsonNode n = JSON.readTree(state.toFile());
            committed = n.path("completedIterations").asInt(Integer.MAX_VALUE);
        }
        List<IterationRecord> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("iterations.jsonl"), StandardCharsets.UTF_8)) {
            if (out.size() >= committed) {
                break; // an iteration in progress or uncommitted: not part of the result
            }
            if (!line.isBlank()) {
                out.add(JSON.readValue(line, IterationRecord.class));
            }
        }
        return out;
    }

    /**
     * {@code name<TAB>seconds} lines written by the script after each run (or each resumed part of
     * one, summed); missing file = none.
     */
    private static Map<String, Double> readWall(Path file) throws IOException {
        Map<String, Double> out = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2) {
                try {
                    out.merge(f[0], Double.parseDouble(f[1]), Double::sum); // a resumed run: each part's time
                } catch (NumberFormatException ignored) {
                    // a half-written line of a run that was stopped: no wall time for it
                }
            }
        }
        return out;
    }
}
