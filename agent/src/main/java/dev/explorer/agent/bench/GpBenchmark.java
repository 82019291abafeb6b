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
    @Option(names = "--repeats", description = "timed refits (default ${DEFAULT-VALUE})")
    int repeats = 2;
    @Option(names = "--seed", description = "random seed (default ${DEFAULT-VALUE})")
    long seed = 1;

    public static void main(String[] args) {
        System.exit(new CommandLine(new GpBenchmark()).execute(args));
    }

    @Override
    public Integer call() {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[concepts * dim];
        for (int i = 0; i < concepts; i++) {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                float v = (float) gaussian(rnd);
                x[i * dim + j] = v;
                s += v * v;
            }
            float inv = (float) (1 / Math.sqrt(s));
            for (int j = 0; j < dim; j++) {
                x[i * dim + j] *= inv;
            }
        }
        // a smooth score: similarity to a few random "target" directions, plus noise
        float[] dirs = new float[3 * dim];
        for (int j = 0; j < dirs.length; j++) {
            dirs[j] = (float) gaussian(rnd);
        }
        ConceptScoreModel model = new ConceptScoreModel(x, dim,
                new ConceptScoreModel.Settings(restarts, noise, standardize, fitPoints, sparseAbove, inducing, 1.0), seed);
        if (observations > concepts) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--observations (" + observations + ") cannot exceed --concepts (" + concepts + ")");
        }
        java.util.BitSet seen = new java.util.BitSet(concepts);
        for (int o = 0; o < observations; o++) {
            int c;
            do {
                c = rnd.nextInt(concepts);
            } while (seen.get(c));
            seen.set(c);
            double best = -1e9;
            for (int d = 0; d < 3; d++) {
                double dot = 0;
                for (int j = 0; j < dim; j++) {
                    dot += x[c * dim + j] * dirs[d * dim + j];
                }
                best = Math.max(best, dot / Math.sqrt(dim));
            }
            model.observe(c, best + 0.01 * gaussian(rnd));
        }
        for (int r = 0; r < repeats; r++) {
            System.gc();
            java.lang.management.ManagementFactory.getMemoryPoolMXBeans().forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
            long heap0 = heapUsedMb();
            long cpu0 = cpuMillis();
            long t0 = System.nanoTime();
            ConceptScores s = model.score();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long cpu = cpuMillis() - cpu0;
            ConceptScores.Fit f = s.fit();
            System.out.printf("{\"repeat\":%d,\"concepts\":%d,\"observations\":%d,\"mode\":\"%s\",\"basis\":%d,"
                            + "\"lengthscale\":%.4g,\"noise\":%.4g,\"fitMs\":%d,\"predictMs\":%d,\"totalMs\":%d,"
                            + "\"cpuMs\":%d,\"peakHeapMb\":%d,\"heapBeforeMb\":%d,\"cpus\":%d,\"load1\":%.2f}%n",
                    r, concepts, f.observations(), f.mode(), f.basis(), f.hyperparameters().lengthscale(),
                    f.hyperparameters().noise(), f.fitMillis(), f.predictMillis(), ms, cpu, peakHeapMb(), heap0,
                    Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        return 0;
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
