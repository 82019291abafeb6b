package dev.explorer.agent.math;

import org.bytedeco.openblas.global.openblas;
import smile.math.blas.BLAS;
import smile.math.blas.LAPACK;
import smile.math.blas.Layout;
import smile.math.blas.Transpose;
import smile.math.blas.UPLO;

/**
 * Row-major dense linear algebra on plain arrays, through Smile's OpenBLAS binding (and the
 * bytedeco OpenBLAS functions Smile's interface lacks: potri, trsm, trmm). Every bulk
 * computation of the agent (rewards, GP scoring) goes through these few calls so that the work is
 * done by multithreaded BLAS kernels rather than Java loops. The JVM needs {@code -Xss16m}
 * (OpenBLAS LAPACK routines overflow the default thread stack).
 */
public final class Dense {
    private Dense() {}

    private static BLAS blas() {
        return BLAS.getInstance();
    }

    private static LAPACK lapack() {
        return LAPACK.getInstance();
    }

    private static final Object THREADS_LOCK = new Object();
    private static int singleThreadedDepth;
    private static int savedThreads;

    /**
     * Runs {@code work} with OpenBLAS limited to one thread, then restores the previous count.
     * For many small BLAS calls run side by side from Java threads (the GP hyperparameter search's
     * starts, 300 x 300 matrices): each call then stays on its own core, where OpenBLAS's own
     * threads would only contend with the other starts (on 2 cores the search took 0.5-1.0 s of
     * wall and twice that in CPU with them, 0.17-0.26 s without; scripts/bench-gp). Nested and
     * concurrent callers share one count: the last to leave restores it.
     */
    public static void singleThreaded(Runnable work) {
        blas(); // loads the library before its thread count is read
        synchronized (THREADS_LOCK) {
            if (singleThreadedDepth++ == 0) {
                savedThreads = blasThreads();
                org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(1);
            }
        }
        try {
            work.run();
        } finally {
            synchronized (THREADS_LOCK) {
                if (--singleThreadedDepth == 0) {
                    org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(savedThreads);
                }
            }
        }
    }

    /**
     * OpenBLAS's thread count (what {@link #singleThreaded} saves and restores): the last count set
     * through the binding, else OpenBLAS's own start-up choice (OPENBLAS_NUM_THREADS, then
     * OMP_NUM_THREADS, then the cores); the binding cannot read the library's count directly.
     */
    public static int blasThreads() {
        int set = org.bytedeco.openblas.presets.openblas_nolapack.blas_get_num_threads();
        if (set > 0) {
            return set;
        }
        for (String name : new String[] {"OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"}) {
            try {
                int n = Integer.parseInt(System.getenv().getOrDefault(name, "").trim());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // unset or not a number: OpenBLAS ignores it too
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** C (m x n) = A (m x k) * B^T, with B stored as n x k: every row of A dotted with every row of B. */
    public static void gemmNT(int m, int n, int k, float[] a, float[] b, float[] c) {
        blas().gemm(Layout.ROW_MAJOR, Transpose.NO_TRANSPOSE, Transpose.TRANSPOSE, m, n, k,
                1f, a, k, b, k, 0f, c, n);
    }

    /** C (m x n) = A (m x k) * B^T, with B stored as n x k. */
    public static void gemmNT(int m, int n, int k, double[] a, double[] b, double[] c) {
        blas().gemm(Layout.ROW_MAJOR, Transpose.NO_TRANSPOSE, Transpose.TRANSPOSE, m, n, k,
                1.0, a, k, b, k, 0.0, c, n);
    }

    /** C (m x n) = A (m x k) * B (k x n). */
    public static void gemmNN(int m, int n, int k, double[] a, double[] b, double[] c) {
        blas().gemm(Layout.ROW_MAJOR, Transpose.NO_TRANSPOSE, Transpose.NO_TRANSPOSE, m, n, k,
                1.0, a, k, b, n, 0.0, c, n);
    }

    /** C (m x n) = A^T * B, with A stored as k x m and B as k x n. */
    public static void gemmTN(int m, int n, int k, double[] a, double[] b, double[] c) {
        blas().gemm(Layout.ROW_MAJOR, Transpose.TRANSPOSE, Transpose.NO_TRANSPOSE, m, n, k,
                1.0, a, m, b, n, 0.0, c, n);
    }

    /** C (n x n) = A^T A, with A stored as k x n (BLAS syrk; both triangles filled). */
    public static void gramTN(int n, int k, double[] a, double[] c) {
        openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasLower, openblas.CblasTrans, n, k, 1.0, a, n, 0.0, c, n);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                c[i * n + j] = c[j * n + i];
            }
        }
    }

    /** y (n) = A^T x, with A stored as m x n. */
    public static void gemvT(int m, int n, double[] a, double[] x, double[] y) {
        openblas.cblas_dgemv(openblas.CblasRowMajor, openblas.CblasTrans, m, n, 1.0, a, n, x, 1, 0.0, y, 1);
    }

    /** B (rows x n) := B * L in place, L lower triangular n x n, in float (BLAS strmm). */
    public static void multiplyRightLower(int rows, int n, float[] lower, float[] b) {
        openblas.cblas_strmm(openblas.CblasRowMajor, openblas.CblasRight, openblas.CblasLower, openblas.CblasNoTrans,
                openblas.CblasNonUnit, rows, n, 1f, lower, n, b, n);
    }

    /**
     * The pivot order of a Cholesky factorisation with complete pivoting (LAPACK dpstrf) of a
     * symmetric positive semi-definite n x n matrix: each next index is the one with the largest
     * residual diagonal given those before it (greedy variance). Indices past the numerical rank
     * follow in LAPACK's order. {@code a} is overwritten.
     */
    public static int[] pivotedCholeskyOrder(int n, double[] a) {
        int[] piv = new int[n];
        int[] rank = new int[1];
        int info = openblas.LAPACKE_dpstrf(openblas.LAPACK_ROW_MAJOR, (byte) 'L', n, a, n, piv, rank, -1.0);
        if (info < 0) {
            throw new IllegalStateException("pivoted Cholesky failed (LAPACK pstrf info=" + info + ")");
        }
        for (int i = 0; i < n; i++) {
            piv[i] -= 1; // LAPACK counts from 1
        }
        return piv;
    }

    /**
     * In-place Cholesky factorisation of a symmetric positive definite n x n matrix (lower triangle).
     *
     * @return false when the matrix is not positive definite (the caller adds jitter and retries)
     */
    public static boolean cholesky(int n, double[] a) {
        return lapack().potrf(Layout.ROW_MAJOR, UPLO.LOWER, n, a, n) == 0;
    }

    /** Solves A X = B in place for B (n x nrhs, row-major), given the Cholesky factor of A. */
    public static void choleskySolve(int n, int nrhs, double[] factor, double[] b) {
        int info = lapack().potrs(Layout.ROW_MAJOR, UPLO.LOWER, n, nrhs, factor, n, b, nrhs);
        if (info != 0) {
            throw new IllegalStateException("Cholesky solve failed (LAPACK potrs info=" + info + ")");
        }
    }

    /** The inverse of A (n x n, symmetric), given its Cholesky factor. */
    public static double[] choleskyInverse(int n, double[] factor) {
        double[] inv = new double[n * n];
        for (int i = 0; i < n; i++) {
            inv[i * n + i] = 1.0;
        }
        choleskySolve(n, n, factor, inv);
        // symmetrise: the two triangles of a solve differ in the last bits
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double v = 0.5 * (inv[i * n + j] + inv[j * n + i]);
                inv[i * n + j] = v;
                inv[j * n + i] = v;
            }
        }
        return inv;
    }

    /**
     * The inverse of A (n x n, symmetric, full storage) from its Cholesky factor, by LAPACK potri
     * (a third of the work of solving against the identity).
     */
    public static double[] choleskyInverseFast(int n, double[] factor) {
        double[] inv = factor.clone();
        int info = openblas.LAPACKE_dpotri(openblas.LAPACK_ROW_MAJOR, (byte) 'L', n, inv, n);
        if (info != 0) {
            throw new IllegalStateException("Cholesky inverse failed (LAPACK potri info=" + info + ")");
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                inv[i * n + j] = inv[j * n + i];
            }
        }
        return inv;
    }

    /** B (rows x n) := B * L^-T in place, L lower triangular n x n (a triangular solve, BLAS trsm). */
    public static void solveRightLowerTransposed(int rows, int n, double[] lower, double[] b) {
        openblas.cblas_dtrsm(openblas.CblasRowMajor, openblas.CblasRight, openblas.CblasLower, openblas.CblasTrans,
                openblas.CblasNonUnit, rows, n, 1.0, lower, n, b, n);
    }

    /** B (rows x n) := B * L in place, L lower triangular n x n (BLAS trmm: half the work of a GEMM). */
    public static void multiplyRightLower(int rows, int n, double[] lower, double[] b) {
        openblas.cblas_dtrmm(openblas.CblasRowMajor, openblas.CblasRight, openblas.CblasLower, openblas.CblasNoTrans,
                openblas.CblasNonUnit, rows, n, 1.0, lower, n, b, n);
    }

    /** log det(A) from its Cholesky factor (lower triangle of {@code factor}). */
    public static double logDet(int n, double[] factor) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.log(factor[i * n + i]);
        }
        return 2 * s;
    }

    /** Squared L2 norm of each of the {@code rows} rows of a row-major matrix. */
    public static double[] squaredNorms(float[] x, int rows, int dim) {
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            int o = i * dim;
            for (int j = 0; j < dim; j++) {
                double v = x[o + j];
                s += v * v;
            }
            out[i] = s;
        }
        return out;
    }

    /** A copy of {@code x} with every row scaled to unit L2 norm; all-zero rows stay zero. */
    public static float[] normalizedRows(float[] x, int rows, int dim) {
        float[] out = new float[rows * dim];
        for (int i = 0; i < rows; i++) {
            int o = i * dim;
            double s = 0;
            for (int j = 0; j < dim; j++) {
                s += (double) x[o + j] * x[o + j];
            }
            if (s > 0) {
                float inv = (float) (1.0 / Math.sqrt(s));
                for (int j = 0; j < dim; j++) {
                    out[o + j] = x[o + j] * inv;
                }
            }
        }
        return out;
    }

    /** Flattens equal-length rows into one row-major array. */
    public static float[] flatten(float[][] rows, int dim) {
        float[] out = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != dim) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, expected " + dim);
            }
            System.arraycopy(rows[i], 0, out, i * dim, dim);
        }
        return out;
    }

    /** Checks that a flat row-major matrix has rows x dim values. */
    public static int rows(float[] x, int dim, String what) {
        if (dim <= 0) {
            throw new IllegalArgumentException(what + ": dimension must be positive, got " + dim);
        }
        if (x.length % dim != 0) {
            throw new IllegalArgumentException(what + ": " + x.length + " values is not a whole number of rows of "
                    + dim + " (pass a row-major matrix of rows x " + dim + ")");
        }
        return x.length / dim;
    }
}
