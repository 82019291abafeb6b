package dev.explorer.agent.cli;

import dev.explorer.agent.loop.TargetSet;
import dev.explorer.agent.reward.ImageReward;
import dev.explorer.agent.start.PoolStart;
import dev.explorer.config.EncoderConfig;
import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.cli.ConfigOptions;
import dev.explorer.config.cli.UsageException;
import dev.explorer.encoder.Encoder;
import dev.explorer.encoder.ImageSource;
import dev.explorer.pool.EvalEntry;
import dev.explorer.pool.PoolLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code explorer reward-check TARGET --pool DIR --relevant TOPICS}: can the image reward tell
 * relevant images from the rest at all? Scores a seeded sample of the pool with the reward the
 * loop would use (same encoder settings, k and centring) and compares it with the pool's ground
 * truth: ROC AUC overall and within each source, and the relevant share among the best-rewarded
 * images. No sampler can do better than the reward it is given; an AUC near 0.5 within the
 * sources that hold the relevant images means exploration will chase something else.
 */
@Command(name = "reward-check", mixinStandardHelpOptions = true,
        description = {"How well the image reward separates relevant pool images (by the pool's ground truth) from "
                + "the rest: ROC AUC overall and per source, and the relevant share of the top-rewarded images."})
public final class RewardCheckCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RewardCheckCommand.class);

    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", description = "Folder of target images (e.g. a target's train/).")
    Path target;

    @Option(names = "--pool", required = true, paramLabel = "DIR", description = "Pool directory holding eval.jsonl.")
    Path pool;

    @Option(names = "--relevant", required = true, split = ",", paramLabel = "TOPIC",
            description = "Ground-truth topics that count as relevant, e.g. animal,plant or footwear.")
    List<String> relevant;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Encoder checkpoint (default: encoder settings, "
            + "i.e. random init or encoder.init).")
    Path checkpoint;

    @Option(names = "--train-epochs", paramLabel = "N", defaultValue = "0",
            description = "First train the encoder self-supervised on the target images for N epochs.")
    int trainEpochs;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "5000",
            description = "Pool images scored, a seeded sample (default ${DEFAULT-VALUE}; 0: all).")
    int sample;

    @Option(names = "--save-features", paramLabel = "DIR",
            description = "Also write the embeddings, before centring, for analysis outside Explorer: DIR/pool.f32 and "
                    + "DIR/target.f32 (little-endian float32, row-major, one row per image), DIR/pool.tsv (row, id, "
                    + "source, topic) and DIR/target.tsv (row, path).")
    Path saveFeatures;

    @Option(names = "--background", paramLabel = "DIR",
            description = "The reward's fixed background: the images in DIR (e.g. RUN_DIR/background, the reference set a "
                    + "run actually used) instead of the first reward.backgroundSize images of the pool sample. A pool image "
                    + "that is one of them (same content hash as a file name <sha256>.png) is left out of its own neighbours, "
                    + "as in the loop.")
    Path background;

    @Override
    public Integer call() throws IOException {
        ExplorerConfig cfg = config.load();
        if (checkpoint == null && cfg.encoder().init() == null && cfg.encoder().start() == EncoderConfig.Start.POOL) {
            // measure the encoder a run would start from; built by 'explorer start-encoder' or a first run
            PoolStart.Status st = PoolStart.status(cfg);
            if (st.state() == PoolStart.State.READY) {
                cfg = config.load(List.of("encoder.init=" + st.checkpoint()));
            }
            log.info("encoder: {}", st.state() == PoolStart.State.READY ? "the pool-pretrained start " + st.checkpoint()
                    : "random weights (pool start " + st.reason() + ")");
        }
        if (!Files.isDirectory(target)) {
            throw new UsageException("no such target folder: " + target);
        }
        if (background != null && !Files.isDirectory(background)) {
            throw new UsageException("no such background folder: " + background + " (give a run's background/ folder)");
        }
        if (sample < 0 || trainEpochs < 0) {
            throw new UsageException("--sample and --train-epochs must be 0 or more");
        }
        if (!Files.isRegularFile(pool.resolve(PoolLayout.EVAL))) {
            throw new UsageException("no ground truth at " + pool.resolve(PoolLayout.EVAL)
                    + "; give a pool directory written by explorer pool build");
        }
        List<EvalEntry> entries = new ArrayList<>(PoolLayout.readEval(pool));
        Set<String> topics = new LinkedHashSet<>();
        entries.forEach(e -> topics.add(e.topic()));
        for (String r : relevant) {
            if (!topics.contains(r)) {
                throw new UsageException("topic '" + r + "' is not in " + pool.resolve(PoolLayout.EVAL) + "; topics: " + topics);
            }
        }
        long seed = cfg.run().seed();
        Collections.shuffle(entries, new Random(seed));
        if (sample > 0 && entries.size() > sample) {
            entries = entries.subList(0, sample);
        }
        List<Path> targets = TargetSet.load(target, null).images();
        List<Path> paths = new ArrayList<>(entries.size());
        for (EvalEntry e : entries) {
            paths.add(pool.resolve(PoolLayout.thumbPath(e.id())));
        }
        float[] reward;
        String description;
        try (Encoder enc = checkpoint != null ? Encoder.load(checkpoint, cfg.encoder(), cfg.train(), seed)
                : Encoder.create(cfg.encoder(), cfg.train(), seed)) {
            if (trainEpochs > 0) {
                log.info("training on {} target images for {} epochs", targets.size(), trainEpochs);
                enc.train(ImageSource.ofPaths(targets), trainEpochs);
            }
            log.info("embedding {} pool images and {} target images", paths.size(), targets.size());
            float[][] c = enc.embed(ImageSource.ofPaths(paths));
            float[][] t = enc.embed(ImageSource.ofPaths(targets));
            if (saveFeatures != null) {
                saveFeatures(saveFeatures, c, t, entries, targets);
            }
            // the loop's reference: a fixed uniformly drawn background (here the first images of the
            // seeded pool sample, as the loop keeps its first iteration's uniformly drawn candidates, which
            // it also scores: those rows are left out of their own background neighbours, as in the loop)
            boolean useBg = cfg.reward().usesBackground();
            boolean[] inBackground = new boolean[c.length];
            float[][] bg;
            if (background != null) {
                List<Path> files = TargetSet.load(background, null).images();
                log.info("embedding {} background images from {}", files.size(), background);
                bg = useBg ? enc.embed(ImageSource.ofPaths(files)) : new float[0][];
                Set<String> shas = new java.util.HashSet<>();
                files.forEach(f -> shas.add(f.getFileName().toString().replaceFirst("\\.png$", "")));
                for (int i = 0; i < paths.size(); i++) {
                    inBackground[i] = shas.contains(sha256(paths.get(i)));
                }
            } else {
                int nb = useBg ? Math.min(cfg.reward().backgroundSize(), c.length) : 0;
                Arrays.fill(inBackground, 0, nb, true);
                bg = Arrays.copyOf(c, nb);
            }
            reward = ImageReward.compute(cfg.reward(), t, bg, c, inBackground);
            description = ImageReward.describe(cfg.reward(), t.length, bg.length)
                    + (background != null ? " (background: " + background + ")" : "");
        }
        Set<String> rel = Set.copyOf(relevant);
        List<EvalEntry> ev = entries;
        Predicate<EvalEntry> isRelevant = e -> rel.contains(e.topic());
        PrintWriter out = spec.commandLine().getOut();
        long positives = ev.stream().filter(isRelevant).count();
        out.println("reward: " + description + " (as the loop)");
        out.printf(Locale.ROOT, "pool sample: %d images, %d relevant (%s), base rate %.3f%n", ev.size(), positives,
                String.join(",", relevant), positives / (double) ev.size());
        out.printf(Locale.ROOT, "ROC AUC, relevant vs the rest (0.5 = no better than chance): %.3f%n",
                auc(reward, ev, isRelevant, e -> true));
        Map<String, long[]> bySource = new TreeMap<>();
        for (EvalEntry e : ev) {
            long[] n = bySource.computeIfAbsent(e.source(), s -> new long[2]);
            n[0]++;
            n[1] += isRelevant.test(e) ? 1 : 0;
        }
        out.printf(Locale.ROOT, "  %-16s %7s %9s %7s%n", "within source", "images", "relevant", "AUC");
        for (Map.Entry<String, long[]> s : bySource.entrySet()) {
            double a = auc(reward, ev, isRelevant, e -> e.source().equals(s.getKey()));
            out.printf(Locale.ROOT, "  %-16s %7d %9d %7s%n", s.getKey(), s.getValue()[0], s.getValue()[1],
                    Double.isNaN(a) ? "-" : String.format(Locale.ROOT, "%.3f", a));
        }
        Integer[] order = new Integer[reward.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Float.compare(reward[y], reward[x]));
        out.print("relevant share of the top-rewarded images:");
        for (int k : new int[] {50, 200, 1000}) {
            if (k <= order.length) {
                long r = Arrays.stream(order, 0, k).filter(i -> isRelevant.test(ev.get(i))).count();
                out.printf(Locale.ROOT, "  top %d %.3f", k, r / (double) k);
            }
        }
        out.println();
        out.flush();
        return 0;
    }

    private static void saveFeatures(Path dir, float[][] pool, float[][] target, List<EvalEntry> entries,
            List<Path> targets) throws IOException {
        Files.createDirectories(dir);
        writeF32(dir.resolve("pool.f32"), pool);
        writeF32(dir.resolve("target.f32"), target);
        StringBuilder sb = new StringBuilder("row\tid\tsource\ttopic\n");
        for (int i = 0; i < entries.size(); i++) {
            EvalEntry e = entries.get(i);
            sb.append(i).append('\t').append(e.id()).append('\t').append(e.source()).append('\t').append(e.topic()).append('\n');
        }
        Files.writeString(dir.resolve("pool.tsv"), sb);
        sb = new StringBuilder("row\tpath\n");
        for (int i = 0; i < targets.size(); i++) {
            sb.append(i).append('\t').append(targets.get(i)).append('\n');
        }
        Files.writeString(dir.resolve("target.tsv"), sb);
        log.info("features: {} pool and {} target rows of {} floats written to {}", pool.length, target.length,
                pool.length == 0 ? 0 : pool[0].length, dir);
    }

    private static String sha256(Path file) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeF32(Path file, float[][] rows) throws IOException {
        int dim = rows.length == 0 ? 0 : rows[0].length;
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(rows.length * dim * Float.BYTES)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float[] r : rows) {
            for (float v : r) {
                buf.putFloat(v);
            }
        }
        Files.write(file, buf.array());
    }

    /** Mann-Whitney ROC AUC of {@code score} for positives vs negatives among the entries {@code in} keeps (ties count half). */
    public static double auc(float[] score, List<EvalEntry> entries, Predicate<EvalEntry> positive, Predicate<EvalEntry> in) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < score.length; i++) {
            if (in.test(entries.get(i))) {
                idx.add(i);
            }
        }
        idx.sort((a, b) -> Float.compare(score[a], score[b]));
        double rankSum = 0;
        long pos = 0;
        int i = 0;
        while (i < idx.size()) {
            int j = i;
            while (j + 1 < idx.size() && score[idx.get(j + 1)] == score[idx.get(i)]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int m = i; m <= j; m++) {
                if (positive.test(entries.get(idx.get(m)))) {
                    rankSum += midRank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = idx.size() - pos;
        return pos == 0 || neg == 0 ? Double.NaN : (rankSum - pos * (pos + 1) / 2.0) / (pos * (double) neg);
    }
}
