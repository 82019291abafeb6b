package dev.explorer.report;

import java.util.List;

/**
 * The arithmetic of an experiment over seeds: mean and sample standard deviation, and the paired
 * difference of two arms run with the same seeds, with a two-sided 95% Student-t interval
 * (mean difference +- t(0.975, n-1) x sd / sqrt(n)). Pairing by seed removes what the seeds
 * share (the start, the order of the target images), so it is narrower than comparing two
 * independent means when the arms move together.
 */
public final class SeedStats {
    private SeedStats() {}

    /**
     * Mean, sample standard deviation (n - 1; NaN for one value) and a 95% interval for the mean
     * (NaN bounds below two values).
     */
    public record Estimate(int n, double mean, double sd, double low, double high) {
        public boolean hasInterval() {
            return n >= 2 && Double.isFinite(low);
        }
    }

    /** Mean, sd and 95% t-interval of the values (NaN and null values are left out). */
    public static Estimate estimate(List<Double> values) {
        double[] v = values.stream().filter(d -> d != null && !Double.isNaN(d)).mapToDouble(Double::doubleValue).toArray();
        int n = v.length;
        if (n == 0) {
            return new Estimate(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = 0;
        for (double d : v) {
            mean += d;
        }
        mean /= n;
        if (n == 1) {
            return new Estimate(1, mean, Double.NaN, Double.NaN, Double.NaN);
        }
        double ss = 0;
        for (double d : v) {
            ss += (d - mean) * (d - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double half = t975(n - 1) * sd / Math.sqrt(n);
        return new Estimate(n, mean, sd, mean - half, mean + half);
    }

    /**
     * The paired difference a - b over the positions where both have a value (the seeds both arms
     * ran), with its 95% t-interval.
     */
    public static Estimate pairedDifference(List<Double> a, List<Double> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("paired lists differ in length: " + a.size() + " and " + b.size());
        }
        List<Double> d = new java.util.ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            Double x = a.get(i);
            Double y = b.get(i);
            if (x != null && y != null && !x.isNaN() && !y.isNaN()) {
                d.add(x - y);
            }
        }
        return estimate(d);
    }

    // two-sided 95% quantiles t(0.975, df) for df = 1..30 (standard tables)
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201,
        2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052,
        2.048, 2.045, 2.042};

    /**
     * The 0.975 quantile of Student's t with {@code df} degrees of freedom: the table to 30, then
     * interpolated in 1/df through 40 (2.021), 60 (2.000), 120 (1.980) and infinity (1.960).
     */
    public static double t975(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + df);
        }
        if (df <= T975.length) {
            return T975[df - 1];
        }
        double[] dfs = {30, 40, 60, 120, Double.POSITIVE_INFINITY};
        double[] ts = {2.042, 2.021, 2.000, 1.980, 1.960};
        for (int i = 1; i < dfs.length; i++) {
            if (df <= dfs[i]) {
                double u = 1.0 / df;
                double u0 = 1.0 / dfs[i - 1];
                double u1 = 1.0 / dfs[i];
                return ts[i - 1] + (ts[i] - ts[i - 1]) * (u0 - u) / (u0 - u1);
            }
        }
        return 1.960;
    }
}
