package dev.explorer.agent.score;

import dev.explorer.agent.math.Dense;
import java.util.stream.IntStream;

/**
 * A fitted GP over embeddings, predicting mean and standard deviation for many points at once.
 *
 * <p>Both the exact model and the sparse one predict through the same two matrix products over a
 * set of basis points B (all observations, or m inducing points):
 * <pre>
 *   mean(x) = yMean + ySd * k_B(x) . w
 *   var(x)  = ySd^2 * (1 - k_B(x)^T M k_B(x))
 * </pre>
 * exact: w = (K + sI)^-1 y, M = (K + sI)^-1. Sparse (subset of regressors for the mean, the
 * deterministic-training-conditional variance): A = s K_mm + K_mn K_nm, w = A^-1 K_mn y,
 * M = K_mm^-1 - s A^-1. The SoR variance alone (s k^T A^-1 k) falls to 0 far from the inducing
 * points, which would tell a UCB score that unexplored concepts are certain; DTC keeps the prior
 * variance there. With every observation as an inducing point both equal the exact GP.
 *
 * <p>For a block of candidates the cross-kernel comes from one GEMM of candidates against the
 * basis (float, or double when the noise is below {@link #DOUBLE_CROSS_KERNEL_BELOW}), the mean is a matrix-vector product, and k^T M k for all rows at once is one
 * triangular BLAS call in double (trsm with the Cholesky factor of K + sI for the exact model,
 * trmm with the Cholesky factor of M for the sparse one: half the arithmetic of a GEMM) followed
 * by row-wise sums of squares. Smile's per-point prediction costs a kernel loop and a triangular
 * solve per candidate, far too slow for 146k concepts (20 min at 2,000 observations).
 *
 * <p>A sparse model whose noise allows the float cross-kernel predicts wholly in float (sgemm,
 * a polynomial exponential fused with the mean, strmm for the variance) when, at its inducing
 * points, that path agrees with the double one to {@link #FLOAT_TOLERANCE} prior sds; at 10,240
 * observations and 500 inducing points this is about 1.6x less CPU than the double path for all
 * 146,547 concepts (scripts/bench-gp prints both).
 */
public final class GaussianProcess {
    /** Doubles per block of the candidate x basis matrices (32 MB each). */
    static final int BLOCK_DOUBLES = 1 << 22;
    /** Added to K_mm of the sparse model: inducing points may be near-duplicates. */
    static final double INDUCING_JITTER = 1e-6;
    /**
     * Below this noise variance the cross-kernel is computed in double. The weights
     * w = (K + sI)^-1 y grow like 1/s and are of both signs, so the mean k*.w cancels and the
     * float cross-kernel's rounding (~1e-7 per entry) is amplified by |w|: at s = 1e-6 the float
     * cross-kernel put the mean 2.2e-7 (7e-6 score sds) and the std 2.0e-9 off a double reference,
     * the double one 2.8e-14 and 3e-16 (GaussianProcessPrecisionTest). Above it the float GEMM (twice as fast) is exact enough.
     */
    static final double DOUBLE_CROSS_KERNEL_BELOW = 1e-4;
    /**
     * A sparse model predicts in float when, at its inducing points, the float path's mean and
     * standard deviation are within this many prior standard deviations of the double path's.
     */
    static final double FLOAT_TOLERANCE = 1e-4;

    private final float[] basis;
    /** The basis in double when the cross-kernel is computed in double (small noise), else null. */
    private final double[] basisDouble;
    private final double[] basisSq;
    private final int basisCount;
    private final int dim;
    private final double[] w;
    /** How k^T M k is computed: see {@link VarianceForm}. */
    private final VarianceForm form;
    private final double[] varianceMatrix;
    private final GpHyperparameters hyper;
    private final double yMean;
    private final double ySd;
    private final boolean sparse;
    /**
     * The Cholesky factor of M in float when the sparse model predicts in float (see
     * {@link #FLOAT_TOLERANCE}), else null.
     */
    private float[] floatFactor;
    private double floatError = Double.NaN;

    /**
     * SOLVE: the matrix is L with M = (L L^T)^-1, q = |L^-1 k|^2 (triangular solve, exact GP).
     * MULTIPLY: the matrix is L with M = L L^T, q = |L^T k|^2 (triangular multiply, sparse GP).
     * GEMM: the matrix is M itself, q = k . (M k) (fallback when M has no Cholesky factor).
     * The triangular forms do half the arithmetic of the GEMM.
     */
    enum VarianceForm { SOLVE, MULTIPLY, GEMM }

    private GaussianProcess(float[] basis, int basisCount, int dim, double[] w, VarianceForm form, double[] varianceMatrix,
                            GpHyperparameters hyper, double yMean, double ySd, boolean sparse) {
        this.basis = basis;
        this.basisDouble = inDouble(hyper.noise()) ? toDouble(basis, basisCount * dim) : null;
        this.basisSq = Dense.squaredNorms(basis, basisCount, dim);
        this.basisCount = basisCount;
        this.dim = dim;
        this.w = w;
        this.form = form;
        this.varianceMatrix = varianceMatrix;
        this.hyper = hyper;
        this.yMean = yMean;
        this.ySd = ySd;
        this.sparse = sparse;
    }

    /** Standardisation of the targets: mean and sample standard deviation (as Smile's normalize). */
    record Standardized(double[] z, double mean, double sd) {
        static Standardized of(double[] y) {
            int n = y.length;
            double mean = 0;
            for (double v : y) {
                mean += v;
            }
            mean /= n;
            double ss = 0;
            for (double v : y) {
                ss += (v - mean) * (v - mean);
            }
            // one observation, or all equal: no spread to learn a scale from; keep unit scale
            double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
            if (!(sd > 1e-12)) {
                sd = 1.0;
            }
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                z[i] = (y[i] - mean) / sd;
            }
            return new Standardized(z, mean, sd);
        }

        /** Standardised when {@code standardize}, else the raw scores (mean 0, sd 1: a zero-mean prior). */
        static Standardized of(double[] y, boolean standardize) {
            return standardize ? of(y) : new Standardized(y.clone(), 0, 1);
        }
    }

    /** Squared distances between the rows of x (n x dim), in double, diagonal exactly 0. */
    static double[] squaredDistances(float[] x, int n, int dim) {
        double[] xd = new double[n * dim];
        for (int i = 0; i < xd.length; i++) {
            xd[i] = x[i];
        }
        double[] g = new double[n * n];
        Dense.gemmNT(n, n, dim, xd, xd, g);
        double[] sq = new double[n];
        for (int i = 0; i < n; i++) {
            sq[i] = g[i * n + i];
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                g[i * n + j] = i == j ? 0 : Math.max(0, sq[i] + sq[j] - 2 * g[i * n + j]);
            }
        }
        return g;
    }

    /**
     * The exact GP on all n observations.
     *
     * @param x observation embeddings, row-major n x dim
     * @param y observed scores (raw; standardised inside)
     */
    public static GaussianProcess exact(float[] x, int dim, double[] y, GpHyperparameters hyper) {
        return exact(x, dim, y, hyper, true);
    }

    /** As {@link #exact(float[], int, double[], GpHyperparameters)}; {@code standardize=false} is the paper's zero-mean prior on raw scores. */
    public static GaussianProcess exact(float[] x, int dim, double[] y, GpHyperparameters hyper, boolean standardize) {
        int n = y.length;
        checkRows(x, dim, n);
        Standardized s = Standardized.of(y, standardize);
        double[] k = kernel(squaredDistances(x, n, dim), hyper.lengthscale());
        double noise = hyper.noise();
        double[] factor = choleskyWithJitter(k, n, noise, "the exact GP kernel matrix");
        double[] w = s.z().clone();
        Dense.choleskySolve(n, 1, factor, w);
        return new GaussianProcess(x.clone(), n, dim, w, VarianceForm.SOLVE, factor, hyper, s.mean(), s.sd(), false);
    }

    /**
     * The sparse GP: subset-of-regressors mean and DTC variance with the given inducing points.
     *
     * @param x observation embeddings, row-major n x dim
     * @param y observed scores
     * @param inducing embeddings of the m inducing points, row-major m x dim
     */
    public static GaussianProcess sparse(float[] x, int dim, double[] y, float[] inducing, GpHyperparameters hyper) {
        return sparse(x, dim, y, inducing, hyper, true);
    }

    /** As {@link #sparse(float[], int, double[], float[], GpHyperparameters)}, optionally on raw scores. */
    public static GaussianProcess sparse(float[] x, int dim, double[] y, float[] inducing, GpHyperparameters hyper,
                                         boolean standardize) {
        int n = y.length;
        checkRows(x, dim, n);
        int m = Dense.rows(inducing, dim, "inducing points");
        Standardized s = Standardized.of(y, standardize);
        double l = hyper.lengthscale();
        double noise = hyper.noise();
        double[] kmm = kernel(squaredDistances(inducing, m, dim), l);
        double[] knm = new double[n * m];
        if (inDouble(noise)) {
            crossKernel(toDouble(x, n * dim), n, Dense.squaredNorms(x, n, dim), toDouble(inducing, m * dim), m,
                    Dense.squaredNorms(inducing, m, dim), dim, l, knm);
        } else {
            crossKernel(x, n, Dense.squaredNorms(x, n, dim), inducing, m, Dense.squaredNorms(inducing, m, dim), dim, l, knm);
        }
        // A = s K_mm + K_mn K_nm (a symmetric rank-n update: half the arithmetic of a GEMM)
        double[] a = new double[m * m];
        Dense.gramTN(m, n, knm, a);
        for (int i = 0; i < a.length; i++) {
            a[i] += noise * kmm[i];
        }
        double[] aFactor = choleskyWithJitter(a, m, noise * INDUCING_JITTER, "the sparse GP system matrix");
        double[] w = new double[m];
        Dense.gemvT(n, m, knm, s.z(), w);
        Dense.choleskySolve(m, 1, aFactor, w);
        double[] aInv = Dense.choleskyInverseFast(m, aFactor);
        double[] kmmFactor = choleskyWithJitter(kmm, m, INDUCING_JITTER, "the inducing-point kernel matrix");
        double[] kmmInv = Dense.choleskyInverseFast(m, kmmFactor);
        double[] mm = new double[m * m];
        double maxDiag = 0;
        for (int i = 0; i < mm.length; i++) {
            mm[i] = kmmInv[i] - noise * aInv[i];
        }
        for (int i = 0; i < m; i++) {
            maxDiag = Math.max(maxDiag, mm[i * m + i]);
        }
        // M is positive definite in exact arithmetic (the inducing points are observations, so
        // K_mn K_nm >= K_mm K_mm); a relative jitter far below the variance resolution absorbs roundoff
        for (double rel = 0; rel <= 1e-9; rel = rel == 0 ? 1e-13 : rel * 100) {
            double[] f = mm.clone();
            for (int i = 0; i < m; i++) {
                f[i * m + i] += rel * maxDiag;
            }
            if (Dense.cholesky(m, f)) {
                GaussianProcess gp = new GaussianProcess(inducing.clone(), m, dim, w, VarianceForm.MULTIPLY, f, hyper,
                        s.mean(), s.sd(), true);
                gp.useFloatWhereItAgrees();
                return gp;
            }
        }
        return new GaussianProcess(inducing.clone(), m, dim, w, VarianceForm.GEMM, mm, hyper, s.mean(), s.sd(), true);
    }

    /** Mean and standard deviation (in score units) for every row of {@code candidates}. */
    public Prediction predict(float[] candidates) {
        int rows = Dense.rows(candidates, dim, "candidate embeddings");
        double[] mean = new double[rows];
        double[] std = new double[rows];
        predict(candidates, mean, std);
        return new Prediction(mean, std);
    }

    /** As {@link #predict(float[])}, into caller-owned arrays. */
    public void predict(float[] candidates, double[] mean, double[] std) {
        if (floatFactor != null) {
            predictFloat(candidates, mean, std);
        } else {
            predictDouble(candidates, mean, std);
        }
    }

    /**
     * As {@link #predict(float[], double[], double[])}, with the kernel's exponential, the mean and
     * the variance's triangular product in double whatever the noise: the path the sparse model
     * took before it predicted in float, kept as the benchmark's reference.
     */
    public void predictReference(float[] candidates, double[] mean, double[] std) {
        predictDouble(candidates, mean, std);
    }

    /** Whether this model predicts in float (a sparse model whose float path agrees with double). */
    public boolean predictsInFloat() {
        return floatFactor != null;
    }

    /**
     * The sparse model in float: one sgemm for the dot products, the exponential (a polynomial, not
     * {@link Math#exp}) and the mean in one pass over the block, one strmm for the variance. A
     * quarter of the memory traffic and about half the arithmetic time of the double path.
     */
    private void predictFloat(float[] candidates, double[] mean, double[] std) {
        int total = Dense.rows(candidates, dim, "candidate embeddings");
        int m = basisCount;
        int block = (int) Math.max(1, Math.min(total, BLOCK_DOUBLES / m));
        float[] k = new float[block * m];
        float[] chunk = new float[block * dim];
        float c = (float) (0.5 / (hyper.lengthscale() * hyper.lengthscale()));
        float[] bSq = new float[m];
        for (int j = 0; j < m; j++) {
            bSq[j] = (float) basisSq[j];
        }
        for (int start = 0; start < total; start += block) {
            int rows = Math.min(block, total - start);
            System.arraycopy(candidates, start * dim, chunk, 0, rows * dim);
            double[] sq = Dense.squaredNorms(chunk, rows, dim);
            Dense.gemmNT(rows, m, dim, chunk, basis, k);
            int base = start;
            int tasks = (rows + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
            IntStream.range(0, tasks).parallel().forEach(t -> {
                int r0 = t * ROWS_PER_TASK;
                int r1 = Math.min(rows, r0 + ROWS_PER_TASK);
                int[] scale = SCALE.get();
                if (scale.length < ROWS_PER_TASK * m) {
                    scale = new int[ROWS_PER_TASK * m];
                    SCALE.set(scale);
                }
                for (int r = r0; r < r1; r++) {
                    float ar = (float) sq[r];
                    kernelArguments(k, r * m, m, ar, bSq, c, scale, (r - r0) * m);
                }
                expFinish(k, r0 * m, scale, (r1 - r0) * m);
                for (int r = r0; r < r1; r++) {
                    int row = r * m;
                    double mu = 0;
                    for (int j = 0; j < m; j++) {
                        mu += k[row + j] * w[j];
                    }
                    mean[base + r] = yMean + ySd * mu;
                }
            });
            Dense.multiplyRightLower(rows, m, floatFactor, k);
            IntStream.range(0, tasks).parallel().forEach(t -> {
                int r1 = Math.min(rows, (t + 1) * ROWS_PER_TASK);
                for (int r = t * ROWS_PER_TASK; r < r1; r++) {
                    int row = r * m;
                    double q = 0;
                    for (int j = 0; j < m; j++) {
                        double v = k[row + j];
                        q += v * v;
                    }
                    std[base + r] = ySd * Math.sqrt(Math.max(0, 1 - q));
                }
            });
        }
    }

    /** Rows of candidates per parallel task of the float path. */
    private static final int ROWS_PER_TASK = 64;
    /** Per thread, the exponent bits of one task's rows (reused: a fresh array per task was ~300 MB per scoring). */
    private static final ThreadLocal<int[]> SCALE = ThreadLocal.withInitial(() -> new int[0]);

    /**
     * The first half of e^x for x = -c |a - b|^2 over one row: turns the dot products
     * {@code k[off..off+m)} into the reduced argument f = x - n ln2 (|f| <= ln2 / 2, in place) and
     * the exponent bits of 2^n into {@code scale}. Split from
     * {@link #expFinish} so that each loop is plain float arithmetic the JIT vectorises.
     */
    static void kernelArguments(float[] k, int off, int m, float aSq, float[] bSq, float c, int[] scale, int scaleOff) {
        for (int j = 0; j < m; j++) {
            float d2 = Math.max(0f, aSq + bSq[j] - 2f * k[off + j]);
            float x = Math.max(-d2 * c, -87f);
            float n = (x * 1.442695041f + 12582912f) - 12582912f; // round to nearest by the 1.5 * 2^23 trick
            scale[scaleOff + j] = ((int) n + 127) << 23;
            k[off + j] = (x - n * 0.693359375f) - n * -2.12194440e-4f; // x - n ln2, ln2 in two parts (Cody-Waite)
        }
    }

    /** The second half: {@code k[off..off+len)} := e^f * 2^n (degree-6 Taylor polynomial of e^f, |f| <= 0.35). */
    static void expFinish(float[] k, int off, int[] scale, int len) {
        for (int i = 0; i < len; i++) {
            float f = k[off + i];
            k[off + i] = 1f + f * (1f + f * (0.5f + f * (1.6666667e-1f + f * (4.1666668e-2f + f * (8.333334e-3f
                    + f * 1.3888889e-3f)))));
        }
        for (int i = 0; i < len; i++) {
            k[off + i] *= Float.intBitsToFloat(scale[i]);
        }
    }

    /** e^x for x <= 0 in float, as the float path computes it (relative error below 5e-7; e^-87 below -87). */
    static float expNonPositive(float x) {
        float[] k = {0f};
        int[] scale = new int[1];
        // x = -d2 c with d2 = 1 + 1 - 2 * dot and c = 1: dot = (2 + x) / 2 is not exact in float; use
        // aSq = -x, bSq = 0, dot = 0 instead
        kernelArguments(k, 0, 1, -x, new float[] {0f}, 1f, scale, 0);
        expFinish(k, 0, scale, 1);
        return k[0];
    }

    /**
     * Predicts in float from now on when, at the inducing points (where the variance cancels
     * most), the float path's mean and standard deviation are within {@link #FLOAT_TOLERANCE}
     * prior sds of the double path's; never when the cross-kernel must be in double (small noise).
     */
    private void useFloatWhereItAgrees() {
        if (inDouble(hyper.noise()) || form != VarianceForm.MULTIPLY) {
            return;
        }
        int m = basisCount;
        float[] f = new float[m * m];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) varianceMatrix[i];
        }
        double[] dMean = new double[m];
        double[] dStd = new double[m];
        predictDouble(basis, dMean, dStd);
        floatFactor = f;
        double[] fMean = new double[m];
        double[] fStd = new double[m];
        predictFloat(basis, fMean, fStd);
        double worst = 0;
        for (int i = 0; i < m; i++) {
            worst = Math.max(worst, Math.max(Math.abs(fMean[i] - dMean[i]), Math.abs(fStd[i] - dStd[i])) / ySd);
        }
        if (!(worst <= FLOAT_TOLERANCE)) {
            floatFactor = null;
        }
        floatError = worst;
    }

    /** The float path's largest difference from double at the inducing points, in prior sds (NaN if not tried). */
    public double floatError() {
        return floatError;
    }

    private void predictDouble(float[] candidates, double[] mean, double[] std) {
        int total = Dense.rows(candidates, dim, "candidate embeddings");
        int m = basisCount;
        int block = (int) Math.max(1, Math.min(total, BLOCK_DOUBLES / m));
        double[] k = new double[block * m];
        double[] v = new double[block * m];
        float[] chunk = new float[block * dim];
        double[] chunkDouble = basisDouble == null ? null : new double[block * dim];
        for (int start = 0; start < total; start += block) {
            int rows = Math.min(block, total - start);
            System.arraycopy(candidates, start * dim, chunk, 0, rows * dim);
            double[] sq = Dense.squaredNorms(chunk, rows, dim);
            if (chunkDouble != null) {
                for (int i = 0; i < rows * dim; i++) {
                    chunkDouble[i] = chunk[i];
                }
                crossKernel(chunkDouble, rows, sq, basisDouble, m, basisSq, dim, hyper.lengthscale(), k);
            } else {
                crossKernel(chunk, rows, sq, basis, m, basisSq, dim, hyper.lengthscale(), k);
            }
            // BLAS reads only the first rows of the buffers
            switch (form) {
                case SOLVE -> {
                    System.arraycopy(k, 0, v, 0, rows * m);
                    Dense.solveRightLowerTransposed(rows, m, varianceMatrix, v);
                }
                case MULTIPLY -> {
                    System.arraycopy(k, 0, v, 0, rows * m);
                    Dense.multiplyRightLower(rows, m, varianceMatrix, v);
                }
                case GEMM -> Dense.gemmNN(rows, m, m, k, varianceMatrix, v);
            }
            boolean squares = form != VarianceForm.GEMM;
            int base = start;
            IntStream.range(0, rows).parallel().forEach(r -> {
                int row = r * m;
                double mu = 0;
                double q = 0;
                for (int j = 0; j < m; j++) {
                    double kj = k[row + j];
                    double vj = v[row + j];
                    mu += kj * w[j];
                    q += squares ? vj * vj : kj * vj;
                }
                mean[base + r] = yMean + ySd * mu;
                std[base + r] = ySd * Math.sqrt(Math.max(0, 1 - q));
            });
        }
    }

    public GpHyperparameters hyperparameters() {
        return hyper;
    }

    public boolean isSparse() {
        return sparse;
    }

    /** Number of basis points: observations (exact) or inducing points (sparse). */
    public int basisSize() {
        return basisCount;
    }

    /** How the variance is computed (tests check that the fast forms are taken). */
    VarianceForm varianceForm() {
        return form;
    }

    /** Mean and standard deviation per predicted point, in score units. */
    public record Prediction(double[] mean, double[] std) {}

    static double[] kernel(double[] d2, double lengthscale) {
        double c = 0.5 / (lengthscale * lengthscale);
        double[] k = new double[d2.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = Math.exp(-d2[i] * c);
        }
        return k;
    }

    /** out (rows x m) = exp(-|a_i - b_j|^2 / 2l^2), with the dot products from one float GEMM. */
    static void crossKernel(float[] a, int rows, double[] aSq, float[] b, int m, double[] bSq, int dim,
                            double lengthscale, double[] out) {
        float[] dots = new float[rows * m];
        Dense.gemmNT(rows, m, dim, a, b, dots); // a may be a longer buffer: only its first rows are read
        for (int k = 0; k < rows * m; k++) {
            out[k] = dots[k];
        }
        dotsToKernel(rows, m, aSq, bSq, lengthscale, out);
    }

    /** As the float cross-kernel, with the dot products from one double GEMM (for small noise). */
    static void crossKernel(double[] a, int rows, double[] aSq, double[] b, int m, double[] bSq, int dim,
                            double lengthscale, double[] out) {
        Dense.gemmNT(rows, m, dim, a, b, out); // a may be a longer buffer: only its first rows are read
        dotsToKernel(rows, m, aSq, bSq, lengthscale, out);
    }

    /** Turns the dot products in {@code out} into kernel values, in place. */
    private static void dotsToKernel(int rows, int m, double[] aSq, double[] bSq, double lengthscale, double[] out) {
        double c = 0.5 / (lengthscale * lengthscale);
        IntStream.range(0, rows).parallel().forEach(i -> {
            int row = i * m;
            double ai = aSq[i];
            for (int j = 0; j < m; j++) {
                double d2 = Math.max(0, ai + bSq[j] - 2.0 * out[row + j]);
                out[row + j] = Math.exp(-d2 * c);
            }
        });
    }

    /** Whether a model with this noise computes its cross-kernel in double. */
    static boolean inDouble(double noise) {
        return noise < DOUBLE_CROSS_KERNEL_BELOW;
    }

    /** True when this model computes the cross-kernel in double (small noise). */
    boolean crossKernelInDouble() {
        return basisDouble != null;
    }

    private static double[] toDouble(float[] x, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = x[i];
        }
        return out;
    }

    /** Cholesky of K + jitter I, growing the jitter tenfold (up to 1e-2) if K is not positive definite. */
    private static double[] choleskyWithJitter(double[] k, int n, double jitter, String what) {
        double j = jitter;
        for (int attempt = 0; attempt < 12; attempt++) {
            double[] f = k.clone();
            for (int i = 0; i < n; i++) {
                f[i * n + i] += j;
            }
            if (Dense.cholesky(n, f)) {
                return f;
            }
            j = Math.max(j * 10, 1e-10);
            if (j > 1e-2) {
                break;
            }
        }
        throw new IllegalStateException(what + " is not positive definite even with jitter " + j
                + "; the embeddings may contain NaN values");
    }

    private static void checkRows(float[] x, int dim, int n) {
        int rows = Dense.rows(x, dim, "observation embeddings");
        if (rows != n) {
            throw new IllegalArgumentException(rows + " observation embeddings but " + n + " scores");
        }
        if (n == 0) {
            throw new IllegalArgumentException("a GP needs at least one observation");
        }
    }
}
