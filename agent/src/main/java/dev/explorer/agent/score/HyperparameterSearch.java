package dev.explorer.agent.score;

import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smile.math.BFGS;

/**
 * Chooses the GP length scale and noise by maximising the log marginal likelihood with Smile's
 * bounded L-BFGS, from the paper's start (l = 1) plus random restarts (the likelihood has local
 * optima). Searched in log space within fixed bounds.
 */
public final class HyperparameterSearch {
    private static final Logger log = LoggerFactory.getLogger(HyperparameterSearch.class);

    /** Noise floor (standardised units): keeps the kernel matrix well conditioned for duplicates. */
    public static final double MIN_NOISE = 1e-6;
    /** Default lower bound of the length scale ({@code sampler.gpMinLengthScale}). */
    public static final double MIN_LENGTHSCALE = 0.05;
    static final double MAX_LENGTHSCALE = 20;
    static final double MAX_NOISE = 10;
    private static final double GTOL = 1e-5;
    private static final int MAX_ITER = 100;

    private HyperparameterSearch() {}

    /**
     * @param d2 squared distances between the training points (n x n)
     * @param y standardised targets
     * @param restarts random starts in addition to the paper's start; 0 = no search, the paper's kernel
     * @param seed seeds the random starts
     */
    public static GpHyperparameters search(double[] d2, double[] y, int restarts, long seed) {
        return search(d2, y, restarts, MIN_NOISE, seed);
    }

    /**
     * As {@link #search(double[], double[], int, long)}; with {@code restarts = 0} the kernel is
     * the paper's (length scale 1) with noise {@code fixedNoise}.
     */
    public static GpHyperparameters search(double[] d2, double[] y, int restarts, double fixedNoise, long seed) {
        return search(d2, y, restarts, fixedNoise, MIN_LENGTHSCALE, seed);
    }

    /** As above, with the length scale searched from {@code minLengthScale} up. */
    public static GpHyperparameters search(double[] d2, double[] y, int restarts, double fixedNoise,
            double minLengthScale, long seed) {
        LogMarginalLikelihood objective = new LogMarginalLikelihood(d2, y);
        if (restarts <= 0) {
            double l = GpHyperparameters.PAPER.lengthscale();
            return new GpHyperparameters(l, fixedNoise, objective.logLikelihood(l, fixedNoise));
        }
        double[] lo = {Math.log(Math.min(minLengthScale, MAX_LENGTHSCALE / 2)), Math.log(MIN_NOISE)};
        double[] hi = {Math.log(MAX_LENGTHSCALE), Math.log(MAX_NOISE)};
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] starts = new double[restarts + 1][];
        for (int start = 0; start <= restarts; start++) {
            double[] x = start == 0
                    ? new double[] {0.0, Math.log(1e-2)}
                    : new double[] {rnd.nextDouble(Math.log(0.2), Math.log(5)), rnd.nextDouble(Math.log(1e-4), Math.log(1))};
            x[0] = Math.max(x[0], lo[0]); // a start below the bound starts at it
            starts[start] = x;
        }
        // the starts are independent: run them side by side (the objective only reads its arrays),
        // then take the best in start order, as one after the other would
        double[] nlls = new double[starts.length];
        // one BLAS thread per start: the starts are the parallelism (Dense.singleThreaded says why)
        dev.explorer.agent.math.Dense.singleThreaded(() -> java.util.stream.IntStream.range(0, starts.length).parallel().forEach(start -> {
            double[] x = starts[start];
            double nll;
            try {
                BFGS.minimize(objective, 5, x, lo, hi, GTOL, MAX_ITER);
                nll = objective.f(x); // the optimiser's return value is not always the final point's
            } catch (RuntimeException e) {
                log.debug("GP hyperparameter start {} failed: {}", start, e.toString());
                nll = Double.NaN;
            }
            log.debug("GP hyperparameter start {}: l={} noise={} -logL={}", start, Math.exp(x[0]), Math.exp(x[1]), nll);
            nlls[start] = nll;
        }));
        double bestNll = Double.POSITIVE_INFINITY;
        double[] best = {0, Math.log(1e-2)};
        for (int start = 0; start < starts.length; start++) {
            if (nlls[start] < bestNll) {
                bestNll = nlls[start];
                best = starts[start].clone();
            }
        }
        if (bestNll >= LogMarginalLikelihood.INFEASIBLE) {
            GpHyperparameters p = GpHyperparameters.PAPER;
            log.warn("GP hyperparameter search found no feasible point; using length scale {} and noise {}",
                    p.lengthscale(), p.noise());
            return new GpHyperparameters(p.lengthscale(), p.noise(), Double.NaN);
        }
        return new GpHyperparameters(Math.exp(best[0]), Math.exp(best[1]), -bestNll);
    }
}
