package dev.explorer.report;

import dev.explorer.config.ConfigLoader;
import dev.explorer.config.ExplorerConfig;
import dev.explorer.run.IterationRecord;
import dev.explorer.run.QueryRecord;
import dev.explorer.run.QueryRecord.ImageResult;
import dev.explorer.run.QueryRecord.RewardStats;
import dev.explorer.run.RunDirectory;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Writes run directories through the real {@link RunDirectory} (the loop's writer), with numbers
 * chosen so the report's answers are known. Test code only.
 */
final class SyntheticRun {
    private SyntheticRun() {}

    /** An image of a query: id, reward (null = failed with {@code failure}), kept, ground-truth topic. */
    record Img(String id, Double reward, boolean kept, String failure, String topic) {}

    static Img ok(String id, double reward, boolean kept, String topic) {
        return new Img(id, reward, kept, null, topic);
    }

    static Img failed(String id, String failure) {
        return new Img(id, null, false, failure, null);
    }

    /**
     * The known run: planned 4 iterations, 2 committed, 1 query of iteration 2 written after the
     * last commit. Returns the open directory (its lock held, as while the loop runs); close it to
     * make it look crashed.
     *
     * <pre>
     * it 0: dog 0.5 [A .6 kept animal, B .4 animal, C timeout]; cat 0.3 [D .3 kept animal, E .2 kept plant];
     *       rock dropped [F .1 object]          -> 3 queries, 5 downloaded, 3 kept, mean .4, best .5, relevant 4/5
     * it 1: dog 0.75 (pred .45 +-.1) [G .8 kept animal, H .6 kept (not in ground truth)];
     *       sneaker 0.1 (pred .2 +-.2) [I .1 kept footwear, J too-large]
     *                                           -> 2 queries, 3 downloaded, 3 kept, mean .425, best .75, relevant 1/2
     * it 2 (uncommitted): cat 0.9 (pred .5 +-.05) [K .9 kept animal]
     * </pre>
     */
    static RunDirectory known(Path dir) throws IOException {
        ExplorerConfig config = ConfigLoader.builder().set("run.name=known").set("run.iterations=4").load();
        RunDirectory run = RunDirectory.create(dir, config);
        List<String> gt = new ArrayList<>();
        query(run, gt, 0, "dog", null, null, 0.5, null, ok("A", 0.6, true, "animal"), ok("B", 0.4, false, "animal"),
                failed("C", "timeout"));
        query(run, gt, 0, "cat", null, null, 0.3, null, ok("D", 0.3, true, "animal"), ok("E", 0.2, true, "plant"));
        query(run, gt, 0, "rock", null, null, null, "too-few-results", ok("F", 0.1, false, "object"));
        run.iterations().append(iteration(0, 3, 1, seconds(1, 2, 3, 0), 0.25, 0.5, 0.8));
        run.commit(1, null);
        query(run, gt, 1, "dog", 0.45, 0.1, 0.75, null, ok("G", 0.8, true, "animal"), ok("H", 0.6, true, null));
        query(run, gt, 1, "sneaker", 0.2, 0.2, 0.1, null, ok("I", 0.1, true, "footwear"), failed("J", "too-large"));
        run.iterations().append(iteration(1, 2, 0, seconds(1.5, 2.5, 4, 10), 0.5, 0.6, 0.9));
        run.commit(2, null);
        query(run, gt, 2, "cat", 0.5, 0.05, 0.9, null, ok("K", 0.9, true, "animal"));
        // the pool's eval file, as explorer pool build writes it (plus a line the report must skip)
        gt.add("{\"id\":\"Z\",\"source\":\"openmoji\",\"taxonomy\":\"x\",\"topic\":\"vehicle\"}");
        gt.add("not json");
        Files.write(dir.resolveSibling(dir.getFileName() + "-eval.jsonl"), gt, StandardCharsets.UTF_8);
        return run;
    }

    static Path groundTruthOf(Path dir) {
        return dir.resolveSibling(dir.getFileName() + "-eval.jsonl");
    }

    static Map<String, Double> seconds(double sample, double search, double download, double train) {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("sample", sample);
        s.put("search", search);
        s.put("download", download);
        if (train > 0) {
            s.put("train", train);
        }
        return s;
    }

    static IterationRecord iteration(int it, int queries, int dropped, Map<String, Double> seconds, Double knn,
            double top250, double top1000) {
        Map<String, Double> tiers = new LinkedHashMap<>();
        tiers.put("top250", top250);
        tiers.put("top1000", top1000);
        return new IterationRecord(it, "2026-01-01T00:00:0" + it + "Z", seconds, queries, dropped, 0, 0, 0, Map.of(),
                null, null, 0, 10, 1.0, knn, Map.of("observations", queries), tiers, null, null);
    }

    static void query(RunDirectory run, List<String> gt, int it, String concept, Double pm, Double ps,
            Double score, String dropped, Img... imgs) throws IOException {
        List<ImageResult> results = new ArrayList<>();
        Map<String, Integer> failures = new LinkedHashMap<>();
        int downloaded = 0;
        List<Double> rewards = new ArrayList<>();
        for (Img img : imgs) {
            String sha = null;
            if (img.failure() == null) {
                downloaded++;
                rewards.add(img.reward());
                byte[] png = png(img.id().hashCode(), 24);
                sha = sha256(png);
                if (img.kept()) {
                    Path file = run.image(sha);
                    Files.createDirectories(file.getParent());
                    Files.write(file, png);
                }
                if (img.topic() != null) {
                    gt.add("{\"id\":\"" + img.id() + "\",\"source\":\"test\",\"key\":\"k/" + img.id() + "\",\"taxonomy\":\"t/" + img.topic()
                            + "\",\"topic\":\"" + img.topic() + "\"}");
                }
            } else {
                failures.merge(img.failure(), 1, Integer::sum);
            }
            results.add(new ImageResult(img.id(), "http://127.0.0.1:1/img/" + img.id(), sha, img.reward(), img.kept(),
                    img.failure(), null, null, null, null));
        }
        RewardStats stats = rewards.isEmpty() ? null : new RewardStats(rewards.size(),
                rewards.stream().mapToDouble(Double::doubleValue).average().orElse(0),
                rewards.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                rewards.stream().mapToDouble(Double::doubleValue).max().orElse(0), 0);
        run.rewards().append(new QueryRecord(it, "id-" + concept, concept, "a photo of " + concept, 0, false, pm, ps, 0.01,
                imgs.length, downloaded, failures, stats, score, dropped, results, null));
    }

    /**
     * A long run for timing: {@code iterations} x {@code queries} query lines with {@code images}
     * results each, all committed, seeded; about 150 bytes per image result.
     */
    static Totals big(Path dir, int iterations, int queries, int images, long seed) throws IOException {
        long totalDownloaded = 0;
        long totalKept = 0;
        long totalFailed = 0;
        long totalDropped = 0;
        double lastBest = Double.NEGATIVE_INFINITY;
        ExplorerConfig config = ConfigLoader.builder().set("run.name=big").set("run.iterations=" + iterations).load();
        Random rnd = new Random(seed);
        try (RunDirectory run = RunDirectory.create(dir, config)) {
            for (int it = 0; it < iterations; it++) {
                int dropped = 0;
                for (int q = 0; q < queries; q++) {
                    int c = rnd.nextInt(5000);
                    List<ImageResult> results = new ArrayList<>(images);
                    Map<String, Integer> failures = new LinkedHashMap<>();
                    int downloaded = 0;
                    double sum = 0;
                    for (int i = 0; i < images; i++) {
                        String id = "p" + rnd.nextInt(100_000);
                        if (rnd.nextInt(20) == 0) {
                            failures.merge("timeout", 1, Integer::sum);
                            totalFailed++;
                            results.add(new ImageResult(id, "http://127.0.0.1:1/img/" + id, null, null, false, "timeout", null, null, null,
                                    null));
                        } else {
                            double r = rnd.nextDouble();
                            downloaded++;
                            sum += r;
                            String sha = HexFormat.of().formatHex(longBytes(rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong()));
                            results.add(new ImageResult(id, "http://127.0.0.1:1/img/" + id, sha, r, r > 0.7, null, null, null, null,
                                    null));
                            totalKept += r > 0.7 ? 1 : 0;
                        }
                    }
                    boolean drop = rnd.nextInt(25) == 0;
                    dropped += drop ? 1 : 0;
                    Double pm = it == 0 ? null : rnd.nextDouble();
                    Double score = drop ? null : rnd.nextDouble();
                    totalDownloaded += downloaded;
                    totalDropped += drop ? 1 : 0;
                    if (it == iterations - 1 && score != null) {
                        lastBest = Math.max(lastBest, score);
                    }
                    run.rewards().append(new QueryRecord(it, "n" + c + "-c-1", "concept" + c, "a photo of concept" + c, 0, false,
                            pm, pm == null ? null : 0.1, 1.0 / 5000, images, downloaded, failures,
                            downloaded == 0 ? null : new RewardStats(downloaded, sum / downloaded, 0, 1, 0.5),
                            score, drop ? "too-few-results" : null, results, null));
                }
                run.iterations().append(iteration(it, queries, dropped, seconds(1, 20, 60, 100), 0.3 + it * 0.01, 0.5, 0.8));
                run.commit(it + 1, null);
            }
        }
        return new Totals(totalDownloaded, totalKept, totalFailed, totalDropped, lastBest);
    }

    /** What {@link #big} wrote, for the report to match. */
    record Totals(long downloaded, long kept, long failed, long dropped, double lastIterationBest) {}

    private static byte[] longBytes(long... v) {
        byte[] b = new byte[v.length * 8];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < 8; j++) {
                b[i * 8 + j] = (byte) (v[i] >>> (56 - 8 * j));
            }
        }
        return b;
    }

    /** A small real PNG: a coloured disc on white, colour from the seed. */
    static byte[] png(int seed, int size) throws IOException {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        g.setColor(new Color(Color.HSBtoRGB(((seed * 37) & 0xff) / 255f, 0.7f, 0.85f)));
        g.fillOval(2, 2, size - 4, size - 4);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
