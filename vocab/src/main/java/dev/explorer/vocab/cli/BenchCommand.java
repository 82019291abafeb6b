package dev.explorer.vocab.cli;

import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.cli.ConfigOptions;
import dev.explorer.vocab.MiniLmEncoder;
import dev.explorer.vocab.Vocabularies;
import dev.explorer.vocab.Vocabulary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code explorer vocab bench}: text-embedding throughput of the current encoder against the
 * previous scheme ("today": padded batches of 16, one session with intra-op threads) and, with
 * {@code --langchain4j}, against langchain4j's own one-text-per-call model, measured in alternating
 * rounds on the same texts so that the ratios survive a loaded machine.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure text-embedding throughput on a seeded sample of concept texts: the current encoder "
                + "(token-length buckets, single-threaded workers; float32 and int8) side by side with the previous "
                + "scheme and, with --langchain4j, langchain4j's own model, as ratios, plus the cosine to the previous vectors.")
final class BenchCommand implements Runnable {
    @Mixin
    ConfigOptions config;
    @Spec
    CommandSpec spec;
    @Option(names = "--count", defaultValue = "2000", description = "Concepts per measurement (default ${DEFAULT-VALUE}).")
    int count;
    @Option(names = "--batch", split = ",", defaultValue = "64", description = "Batch sizes of the current encoder (default ${DEFAULT-VALUE}).")
    List<Integer> batches;
    @Option(names = "--threads", split = ",", defaultValue = "0", description = "Workers of the current encoder, 0 = one per core (default ${DEFAULT-VALUE}).")
    List<Integer> threads;
    @Option(names = "--model", split = ",", defaultValue = "fp32,int8", description = "Model files of the current encoder: fp32, int8 (default ${DEFAULT-VALUE}).")
    List<String> models;
    @Option(names = "--today-batch", defaultValue = "16", description = "Batch of the previous scheme (vocab.embedBatch was 16; default ${DEFAULT-VALUE}).")
    int todayBatch;
    @Option(names = "--rounds", defaultValue = "2", description = "Alternating rounds over all settings (default ${DEFAULT-VALUE}).")
    int rounds;
    @Option(names = "--langchain4j", description = "Also time langchain4j's own AllMiniLmL6V2EmbeddingModel.embedAll (the baseline).")
    boolean baseline;

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    @Override
    public void run() {
        ExplorerConfig cfg = config.load();
        Vocabulary v = Vocabularies.load(cfg);
        List<String> texts = new ArrayList<>(v.texts());
        Collections.shuffle(texts, new Random(cfg.run().seed()));
        texts = List.copyOf(texts.subList(0, Math.min(count, texts.size())));
        int n = texts.size();
        PrintWriter out = spec.commandLine().getOut();
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "%d concept texts from %s, %d rounds, %d cores; cpu-s counts this process on all cores; "
                + "today = padded batches of %d, one session with %d intra-op threads (the scheme before token-length buckets)%n",
                n, v.name(), rounds, cores, todayBatch, cores);
        float[] todayVectors = null;
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            double today;
            try (MiniLmEncoder enc = MiniLmEncoder.padded(MiniLmEncoder.Variant.FP32, 0, MiniLmEncoder.DEFAULT_MAX_TOKENS)) {
                enc.embedFlat(texts.subList(0, Math.min(64, n)), todayBatch, null); // warm-up
                List<String> all = texts;
                Timed t = time(() -> enc.embedFlat(all, todayBatch, null));
                today = n / t.wall;
                if (todayVectors == null) {
                    todayVectors = t.vectors;
                }
                rates.computeIfAbsent("today", k -> new ArrayList<>()).add(today);
                out.printf(Locale.ROOT, "round %d %-34s: %7.1f concepts/s %7.1f /cpu-s  1.00x today%s  load %.2f%n",
                        round, "today fp32 padded batch " + todayBatch, today, n / t.cpu, "", os.getSystemLoadAverage());
                out.flush();
            }
            double lc4j = Double.NaN;
            if (baseline) {
                var model = new dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel();
                List<dev.langchain4j.data.segment.TextSegment> segs = texts.stream()
                        .map(dev.langchain4j.data.segment.TextSegment::from).toList();
                model.embedAll(segs.subList(0, Math.min(64, segs.size()))); // warm-up
                long c0 = os.getProcessCpuTime();
                long w0 = System.nanoTime();
                model.embedAll(segs);
                double wall = (System.nanoTime() - w0) / 1e9;
                double cpu = (os.getProcessCpuTime() - c0) / 1e9;
                lc4j = n / wall;
                rates.computeIfAbsent("langchain4j", k -> new ArrayList<>()).add(lc4j);
                out.printf(Locale.ROOT, "round %d %-34s: %7.1f concepts/s %7.1f /cpu-s  %.2fx today  1.00x langchain4j  load %.2f%n",
                        round, "langchain4j embedAll", lc4j, n / cpu, lc4j / today, os.getSystemLoadAverage());
                out.flush();
            }
            for (String m : models) {
                MiniLmEncoder.Variant variant = switch (m.trim().toLowerCase(Locale.ROOT)) {
                    case "fp32", "minilm" -> MiniLmEncoder.Variant.FP32;
                    case "int8", "minilm-int8" -> MiniLmEncoder.Variant.INT8;
                    default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                            "Unknown --model " + m + ": use fp32 or int8");
                };
                for (int th : threads) {
                    try (MiniLmEncoder enc = new MiniLmEncoder(variant, th, MiniLmEncoder.DEFAULT_MAX_TOKENS)) {
                        enc.embedFlat(texts.subList(0, Math.min(64, n)), 32, null); // warm-up
                        for (int b : batches) {
                            List<String> all = texts;
                            Timed t = time(() -> enc.embedFlat(all, b, null));
                            double rate = n / t.wall;
                            String label = (variant == MiniLmEncoder.Variant.FP32 ? "fp32" : "int8") + " buckets workers "
                                    + enc.threads() + " batch " + b;
                            rates.computeIfAbsent(label, k -> new ArrayList<>()).add(rate);
                            double[] agree = agreement(todayVectors, t.vectors, n);
                            double overlap = neighbourOverlap(todayVectors, t.vectors, n, Math.min(200, n), 10);
                            out.printf(Locale.ROOT, "round %d %-34s: %7.1f concepts/s %7.1f /cpu-s  %.2fx today%s  "
                                            + "cosine to today min %.5f mean %.5f  top-10 neighbours shared %.3f  load %.2f%n",
                                    round, label, rate, n / t.cpu, rate / today,
                                    baseline ? String.format(Locale.ROOT, "  %.2fx langchain4j", rate / lc4j) : "",
                                    agree[0], agree[1], overlap, os.getSystemLoadAverage());
                            out.flush();
                        }
                    }
                }
            }
        }
        out.println("median over rounds (concepts/s, ratio to today's median" + (baseline ? ", to langchain4j's" : "") + "):");
        double todayMedian = median(rates.get("today"));
        Double lcMedian = baseline ? median(rates.get("langchain4j")) : null;
        for (Map.Entry<String, List<Double>> e : rates.entrySet()) {
            double med = median(e.getValue());
            out.printf(Locale.ROOT, "  %-34s %7.1f  %.2fx today%s%n", e.getKey(), med, med / todayMedian,
                    lcMedian == null ? "" : String.format(Locale.ROOT, "  %.2fx langchain4j", med / lcMedian));
        }
        out.flush();
    }

    private record Timed(double wall, double cpu, float[] vectors) {
    }

    private Timed time(java.util.function.Supplier<float[]> run) {
        long c0 = os.getProcessCpuTime();
        long w0 = System.nanoTime();
        float[] v = run.get();
        return new Timed((System.nanoTime() - w0) / 1e9, (os.getProcessCpuTime() - c0) / 1e9, v);
    }

    /** {min, mean} cosine between matching unit rows. */
    static double[] agreement(float[] a, float[] b, int n) {
        double min = 1;
        double sum = 0;
        int dim = MiniLmEncoder.DIM;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int d = 0; d < dim; d++) {
                s += a[i * dim + d] * b[i * dim + d];
            }
            min = Math.min(min, s);
            sum += s;
        }
        return new double[] {min, sum / n};
    }

    /**
     * Mean share of each of the first {@code queries} rows' {@code k} nearest other rows (by
     * cosine, within the sample) that the two matrices agree on.
     */
    static double neighbourOverlap(float[] a, float[] b, int n, int queries, int k) {
        double shared = 0;
        for (int q = 0; q < queries; q++) {
            java.util.Set<Integer> na = topK(a, n, q, k);
            java.util.Set<Integer> nb = topK(b, n, q, k);
            na.retainAll(nb);
            shared += na.size() / (double) k;
        }
        return shared / queries;
    }

    private static java.util.Set<Integer> topK(float[] m, int n, int q, int k) {
        int dim = MiniLmEncoder.DIM;
        Integer[] idx = new Integer[n - 1];
        float[] s = new float[n];
        for (int i = 0, j = 0; i < n; i++) {
            float acc = 0;
            for (int d = 0; d < dim; d++) {
                acc += m[q * dim + d] * m[i * dim + d];
            }
            s[i] = acc;
            if (i != q) {
                idx[j++] = i;
            }
        }
        java.util.Arrays.sort(idx, (x, y) -> Float.compare(s[y], s[x]));
        return new java.util.HashSet<>(java.util.Arrays.asList(idx).subList(0, Math.min(k, idx.length)));
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int m = s.size();
        return m % 2 == 1 ? s.get(m / 2) : (s.get(m / 2 - 1) + s.get(m / 2)) / 2;
    }
}
