package dev.explorer.agent.bench;

import dev.explorer.agent.score.ConceptScoreModel;
import dev.explorer.agent.score.ConceptScores;
import dev.explorer.config.SamplerConfig;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times one concept-score refit (hyperparameter search + fit) and the scoring of a whole
 * vocabulary, on random unit vectors: the cost the loop pays once per iteration. Run through
 * {@code scripts/bench-gp}. Prints one JSON line per repeat on stdout.
 */
@Command(name = "bench-gp", mixinStandardHelpOptions = true,
        description = "Time the GP concept-score refit + scoring of every concept on random unit vectors.")
public final class GpBenchmark implements Callable<Integer> {
    @Option(names = "--concepts", description = "vocabulary size (default ${DEFAULT-VALUE}: WordNet 3.1 noun senses)")
    int concepts = 146_547;
    @Option(names = "--observations", description = "observed concepts (default ${DEFAULT-VALUE})")
    int observations = 2_000;
    @Option(names = "--dim", description = "embedding size (default ${DEFAULT-VALUE})")
    int dim = 384;
    @Option(names = "--restarts", description = "hyperparameter restarts (default ${DEFAULT-VALUE})")
    int restarts = SamplerConfig.DEFAULTS.gpRestarts();
    @Option(names = "--noise", description = "noise of the fixed kernel, with --restarts 0 (default ${DEFAULT-VALUE})")
    double noise = SamplerConfig.DEFAULTS.gpNoise();
    @Option(names = "--standardize", negatable = true, description = "standardise the scores (default ${DEFAULT-VALUE}; --no-standardize is the paper)")
    boolean standardize = SamplerConfig.DEFAULTS.gpStandardize();
    @Option(names = "--fit-points", description = "observations in the hyperparameter search (default ${DEFAULT-VALUE})")
    int fitPoints = SamplerConfig.DEFAULTS.gpFitPoints();
    @Option(names = "--sparse-above", description = "switch to the sparse GP above this many observations (default ${DEFAULT-VALUE})")
    int sparseAbove = SamplerConfig.DEFAULTS.gpSparseAbove();
    @Option(names = "--inducing", description = "inducing points of the sparse GP (default ${DEFAULT-VALUE})")
    int inducing = SamplerConfig.DEFAULTS.gpInducingPoints();
    @Option(names = "--min-length-scale", description = "lower bound of the length-scale search (default ${DEFAULT-VALUE})")
    double minLengthScale = SamplerConfig.DEFAULTS.gpMinLengthScale();
    @Option(names = "--repeats", description = "timed refits (default ${DEFAULT-VALUE})")
    int repeats = 3;
    @Option(names = "--add", description = "observations added before each refit after the first, as one iteration "
            + "of the paper's 256 queries adds (0 = refit the same observations; default ${DEFAULT-VALUE})")
    int add = 256;
    @Option(names = "--seed", description = "random seed (default ${DEFAULT-VALUE})")
    long seed = 1;
    @Option(names = "--embeddings", description = "an Explorer embedding file (.emb, e.g. <cache>/vocab/...) instead of "
            + "synthetic embeddings; its first --concepts rows (all if fewer)")
    java.nio.file.Path embeddingFile;
    @Option(names = "--agreement", description = "also fit the exact GP and the sparse one on this many observations and "
            + "compare their rankings (0 = skip; default ${DEFAULT-VALUE})")
    int agreement = 2_000;
    @Option(names = "--top", description = "the ranking compared: the exact GP's top this many unobserved concepts "
            + "(default ${DEFAULT-VALUE})")
    int top = 1_000;
    @Option(names = "--reference", negatable = true, description = "also time the double-precision prediction of the "
            + "same sparse model (the path before float), in the same process (default ${DEFAULT-VALUE})")
    boolean reference = true;

    public static void main(String[] args) {
        System.exit(new CommandLine(new GpBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws java.io.IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x;
        String source;
        if (embeddingFile != null) {
            dev.explorer.vocab.EmbeddingFile.Header h = dev.explorer.vocab.EmbeddingFile.header(embeddingFile);
            float[] all = dev.explorer.vocab.EmbeddingFile.readMatrix(embeddingFile, h);
            dim = h.dim();
            concepts = Math.min(concepts, h.count());
            x = java.util.Arrays.copyOf(all, concepts * dim);
            source = embeddingFile.getFileName().toString();
        } else {
            x = clustered(rnd, concepts, dim);
            source = "synthetic-clustered";
        }
        if (observations > concepts) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--observations (" + observations + ") cannot exceed --concepts (" + concepts + ")");
        }
        // a smooth score: the best cosine to a few target concepts (as a k-NN reward is), plus noise
        int[] targets = {rnd.nextInt(concepts), rnd.nextInt(concepts), rnd.nextInt(concepts)};
        int[] order = shuffled(concepts, rnd);
        double[] noise = new double[concepts];
        for (int c = 0; c < concepts; c++) {
            noise[c] = 0.02 * gaussian(rnd);
        }
        System.out.printf("{\"setup\":{\"embeddings\":\"%s\",\"concepts\":%d,\"dim\":%d,\"cpus\":%d,\"load1\":%.2f}}%n",
                source, concepts, dim, Runtime.getRuntime().availableProcessors(), load());

        ConceptScoreModel model = model(x, sparseAbove);
        observe(model, x, targets, order, noise, observations);
        int observed = observations;
        for (int r = 0; r < repeats; r++) {
            if (r > 0 && add > 0) {
                int more = Math.min(add, concepts - observed);
                observe(model, x, targets, order, noise, observed, observed + more);
                observed += more;
            }
            System.gc();
            java.lang.management.ManagementFactory.getMemoryPoolMXBeans().forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
            long heap0 = heapUsedMb();
            long cpu0 = cpuMillis();
            long t0 = System.nanoTime();
            ConceptScores s = model.score();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long cpu = cpuMillis() - cpu0;
            long peak = peakHeapMb();
            ConceptScores.Fit f = s.fit();
            String ref = "";
            if (reference && model.lastFit() != null && model.lastFit().predictsInFloat()) {
                double[] mean = new double[concepts];
                double[] std = new double[concepts];
                long rc0 = cpuMillis();
                long rt0 = System.nanoTime();
                model.lastFit().predictReference(x, mean, std);
                long rms = (System.nanoTime() - rt0) / 1_000_000;
                long rcpu = cpuMillis() - rc0;
                double dm = 0;
                double ds = 0;
                for (int c = 0; c < concepts; c++) {
                    dm = Math.max(dm, Math.abs(mean[c] - s.mean()[c]));
                    ds = Math.max(ds, Math.abs(std[c] - s.std()[c]));
                }
                ref = String.format(",\"referencePredictMs\":%d,\"referencePredictCpuMs\":%d,"
                        + "\"maxMeanDiffVsReference\":%.3g,\"maxStdDiffVsReference\":%.3g", rms, rcpu, dm, ds);
            }
            System.out.printf("{\"repeat\":%d,\"concepts\":%d,\"observations\":%d,\"mode\":\"%s\",\"basis\":%d,"
                            + "\"precision\":\"%s\",\"lengthscale\":%.4g,\"noise\":%.4g,\"searchMs\":%d,\"fitMs\":%d,"
                            + "\"predictMs\":%d,\"totalMs\":%d,\"cpuMs\":%d,\"peakHeapMb\":%d,"
                            + "\"heapBeforeMb\":%d,\"cpus\":%d,\"load1\":%.2f%s}%n",
                    r, concepts, f.observations(), f.mode(), f.basis(), f.precision(), f.hyperparameters().lengthscale(),
                    f.hyperparameters().noise(), f.searchMillis(), f.fitMillis(), f.predictMillis(), ms, cpu, peak, heap0,
                    Runtime.getRuntime().availableProcessors(), load(), ref);
        }
        if (agreement > 0) {
            agreement(x, targets, order, noise);
        }
        return 0;
    }

    /**
     * The sparse model against the exact GP on the same {@code --agreement} observations (same
     * seed, so the same hyperparameters): of the exact GP's top {@code --top} unobserved concepts
     * by score (mean + std), the share the sparse model also ranks in its top {@code --top}, and
     * the Spearman correlation of the two scores over those concepts.
     */
    private void agreement(float[] x, int[] targets, int[] order, double[] noise) {
        int n = Math.min(agreement, concepts);
        ConceptScoreModel exact = model(x, Integer.MAX_VALUE - 1);
        ConceptScoreModel sparse = model(x, Math.min(sparseAbove, n - 1));
        observe(exact, x, targets, order, noise, n);
        observe(sparse, x, targets, order, noise, n);
        long t0 = System.nanoTime();
        ConceptScores e = exact.score();
        long exactMs = (System.nanoTime() - t0) / 1_000_000;
        ConceptScores s = sparse.score();
        int unobserved = 0;
        for (boolean b : e.observed()) {
            unobserved += b ? 0 : 1;
        }
        int k = Math.min(top, unobserved);
        int[] topE = topUnobserved(e.score(), e.observed(), k);
        int[] topS = topUnobserved(s.score(), s.observed(), k);
        java.util.BitSet inS = new java.util.BitSet(concepts);
        for (int c : topS) {
            inS.set(c);
        }
        int both = 0;
        for (int c : topE) {
            both += inS.get(c) ? 1 : 0;
        }
        double[] a = new double[k];
        double[] b = new double[k];
        for (int i = 0; i < k; i++) {
            a[i] = e.score()[topE[i]];
            b[i] = s.score()[topE[i]];
        }
        double meanDiff = 0;
        double stdDiff = 0;
        for (int c = 0; c < concepts; c++) {
            meanDiff += Math.abs(e.mean()[c] - s.mean()[c]);
            stdDiff += Math.abs(e.std()[c] - s.std()[c]);
        }
        System.out.printf("{\"agreement\":{\"observations\":%d,\"inducing\":%d,\"precision\":\"%s\",\"top\":%d,"
                        + "\"topOverlap\":%.4f,\"spearmanOnExactTop\":%.4f,\"meanAbsMeanDiff\":%.3g,\"meanAbsStdDiff\":%.3g,"
                        + "\"lengthscale\":%.4g,\"noise\":%.4g,\"exactMs\":%d,\"sparseMs\":%d,\"load1\":%.2f}}%n",
                n, s.fit().basis(), s.fit().precision(), k, both / (double) k, spearman(a, b), meanDiff / concepts,
                stdDiff / concepts, e.fit().hyperparameters().lengthscale(), e.fit().hyperparameters().noise(), exactMs,
                s.fit().fitMillis() + s.fit().predictMillis(), load());
    }

    private ConceptScoreModel model(float[] x, int sparseAboveObservations) {
        return new ConceptScoreModel(x, dim, new ConceptScoreModel.Settings(restarts, noise, standardize, fitPoints,
                sparseAboveObservations, inducing, 1.0, minLengthScale), seed);
    }

    /** Observes the first {@code count} concepts of {@code order}. */
    private void observe(ConceptScoreModel model, float[] x, int[] targets, int[] order, double[] noise, int count) {
        observe(model, x, targets, order, noise, 0, count);
    }

    /** Observes the concepts {@code from} to {@code to} (exclusive) of {@code order}. */
    private void observe(ConceptScoreModel model, float[] x, int[] targets, int[] order, double[] noise, int from, int to) {
        for (int o = from; o < to; o++) {
            int c = order[o];
            double best = -1e9;
            for (int t : targets) {
                double dot = 0;
                for (int j = 0; j < dim; j++) {
                    dot += x[c * dim + j] * x[t * dim + j];
                }
                best = Math.max(best, dot);
            }
            model.observe(c, best + noise[c]);
        }
    }

    /**
     * Unit vectors with the neighbourhoods of text embeddings: each concept is a topic direction
     * plus a subtopic direction plus its own, over a direction all share (cosines about 0.1 between
     * unrelated concepts, 0.4 within a topic, 0.75 within a subtopic), ~10 concepts a subtopic,
     * 30 subtopics a topic. Random unit vectors in 384 dimensions are all nearly orthogonal, which
     * leaves a GP nothing to interpolate.
     */
    static float[] clustered(SplittableRandom rnd, int concepts, int dim) {
        int subtopics = Math.max(1, concepts / 10);
        int topics = Math.max(1, subtopics / 30);
        float[] common = unit(rnd, dim);
        float[][] topic = new float[topics][];
        for (int t = 0; t < topics; t++) {
            topic[t] = unit(rnd, dim);
        }
        float[][] sub = new float[subtopics][];
        for (int t = 0; t < subtopics; t++) {
            sub[t] = unit(rnd, dim);
        }
        float[] x = new float[concepts * dim];
        for (int c = 0; c < concepts; c++) {
            int st = rnd.nextInt(subtopics);
            int tp = st % topics;
            float[] own = unit(rnd, dim);
            double ss = 0;
            for (int j = 0; j < dim; j++) {
                double v = 0.32 * common[j] + 0.58 * topic[tp][j] + 0.6 * sub[st][j] + 0.5 * own[j];
                x[c * dim + j] = (float) v;
                ss += v * v;
            }
            float inv = (float) (1 / Math.sqrt(ss));
            for (int j = 0; j < dim; j++) {
                x[c * dim + j] *= inv;
            }
        }
        return x;
    }

    private static float[] unit(SplittableRandom rnd, int dim) {
        float[] v = new float[dim];
        double s = 0;
        for (int j = 0; j < dim; j++) {
            v[j] = (float) gaussian(rnd);
            s += v[j] * v[j];
        }
        float inv = (float) (1 / Math.sqrt(s));
        for (int j = 0; j < dim; j++) {
            v[j] *= inv;
        }
        return v;
    }

    private static int[] shuffled(int n, SplittableRandom rnd) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** The k unobserved concepts of highest score, best first. */
    static int[] topUnobserved(double[] score, boolean[] observed, int k) {
        return java.util.stream.IntStream.range(0, score.length).filter(c -> !observed[c]).boxed()
                .sorted((p, q) -> Double.compare(score[q], score[p])).limit(k).mapToInt(Integer::intValue).toArray();
    }

    /** Spearman's rank correlation (Pearson on ranks, ties averaged). */
    static double spearman(double[] a, double[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < ra.length; i++) {
            ma += ra[i];
            mb += rb[i];
        }
        ma /= ra.length;
        mb /= rb.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < ra.length; i++) {
            sab += (ra[i] - ma) * (rb[i] - mb);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - mb) * (rb[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    private static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (p, q) -> Double.compare(v[p], v[q]));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            for (int t = i; t <= j; t++) {
                r[idx[t]] = (i + j) / 2.0;
            }
            i = j + 1;
        }
        return r;
    }

    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Peak heap use since the last reset, summed over the heap pools (an upper bound: pools peak at different times). */
    private static long peakHeapMb() {
        long b = 0;
        for (var p : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == java.lang.management.MemoryType.HEAP && p.getPeakUsage() != null) {
                b += p.getPeakUsage().getUsed();
            }
        }
        return b >> 20;
    }

    private static long heapUsedMb() {
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    /** CPU time of the whole process, BLAS threads included (wall time is noisy on a shared machine). */
    private static long cpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
