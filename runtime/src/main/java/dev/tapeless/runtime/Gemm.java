package dev.tapeless.runtime;

import java.util.Arrays;

/**
 * The blocked loops behind {@link Batched}'s matrix products, over row-major {@code double[][]}
 * matrices. Every product is reduced to one update, {@code C_i += Σ_j a(i, j) R_j} over rows
 * {@code R_j}: the innermost loop then runs along a contiguous row of {@code C} and four rows of
 * {@code R} at once ({@code c[k] += a0 r0[k] + a1 r1[k] + a2 r2[k] + a3 r3[k]}), which C2's
 * superword pass turns into vector multiplies and adds (no Vector API, no JVM flag), each
 * loaded and stored element of {@code C} taking four terms. One output row per loop is
 * deliberate: loops storing to four rows of {@code C} (4 × 4 register blocking) measured half
 * as fast, likely left scalar because C2 cannot prove that the rows do not overlap. Columns
 * are taken in blocks of {@link #KC} and the rows of {@code R} in blocks of {@link #JC}, so
 * that the block of {@code R} in use stays in the L2 cache while every row of {@code C} passes
 * over it.
 *
 * <p>{@code Y = X Wᵀ} needs the columns of {@code W} as rows: it transposes {@code W} into a
 * per-thread scratch matrix, grown to the largest shape needed and then reused, so that after
 * the first call of a given size nothing is allocated.
 *
 * <p>Each product has a {@code float[][]} overload with the same loops in float arithmetic
 * (float accumulators, as BLAS's single precision: a double one would convert every product and
 * keep the loops from vectorizing) and a float scratch matrix of its own. The float products run
 * these loops even where {@code Math.fma} is one instruction ({@link #FLOAT_TILED}).
 *
 * <p>These loops are the fallback: where {@link Math#fma} is one instruction
 * ({@link HardwareFma}), every product goes to {@link TiledGemm}, which updates two rows of C
 * per loop and runs 1.2–2 times as fast (BENCHMARKS.md), or, in a JVM started with the Vector
 * API's module, to {@link VectorKernels}' kernel, twice as fast again with the same sums.
 */
final class Gemm {

  /** Columns per block: a row of C and four of R take 5 × 2 KiB of L1. */
  static final int KC = 256;

  /** Rows of R per block: 128 × 256 doubles (256 KiB) fit in L2. */
  static final int JC = 128;

  /**
   * Whether the float products take {@link TiledGemm}'s loops where {@code Math.fma} is one
   * instruction, as the double ones do. No: on JDK 17 (AVX-512 machine, CPU time, 64 × 512 ×
   * 2048) its float two-row loop measured 9–12 GFLOP/s, as if scalar, and these loops 19–34; the
   * float tiled loops stay, tested, for a JIT that vectorizes them.
   */
  static final boolean FLOAT_TILED = false;

  /**
   * Whether the float products take the {@code fma} path: the Vector API's kernel where it is
   * loaded ({@link VectorKernels}), which runs them twice as fast as the double ones, else
   * {@link TiledGemm}'s loops only if {@link #FLOAT_TILED}.
   */
  static final boolean FLOAT_FMA =
      VectorKernels.GEMM != null || (FLOAT_TILED && HardwareFma.AVAILABLE);

  private static final ThreadLocal<double[][][]> SCRATCH =
      ThreadLocal.withInitial(() -> new double[][][] {new double[0][0]});

  /** The float products' transposed W, apart from the double one so neither evicts the other. */
  private static final ThreadLocal<float[][][]> FLOAT_SCRATCH =
      ThreadLocal.withInitial(() -> new float[][][] {new float[0][0]});

  private Gemm() {}

  /**
   * {@code Y (=|+=) X Wᵀ}: {@code Y_b,o = Σ_k X_b,k W_o,k}. X is B × n, W m × n, Y B × m. W is
   * transposed first, so that the update runs along rows of Y.
   */
  static void xwt(double[][] X, double[][] W, double[][] Y, boolean add) {
    xwt(X, W, Y, add, HardwareFma.AVAILABLE);
  }

  /** {@link #xwt(double[][], double[][], double[][], boolean)} by the tiled loops or these. */
  static void xwt(double[][] X, double[][] W, double[][] Y, boolean add, boolean tiled) {
    int rows = Y.length;
    int m = W.length;
    if (!add) {
      for (int b = 0; b < rows; b++) {
        Arrays.fill(Y[b], 0.0);
      }
    }
    if (rows == 0 || m == 0) {
      return;
    }
    int n = W[0].length;
    if (tiled) {
      fmaUpdate(X, false, n, W, true, m, Y);
      return;
    }
    double[][] wt = scratch(n, m);
    for (int o = 0; o < m; o++) {
      double[] wo = W[o];
      for (int k = 0; k < n; k++) {
        wt[k][o] = wo[k];
      }
    }
    update(X, false, n, wt, m, Y);
  }

  /** {@code C += A R} for an r × n matrix {@code R}: C is B × n, A is B × r. */
  static void addTimes(double[][] A, double[][] R, double[][] C) {
    addTimes(A, R, C, HardwareFma.AVAILABLE);
  }

  /** {@link #addTimes(double[][], double[][], double[][])} by the tiled loops or these. */
  static void addTimes(double[][] A, double[][] R, double[][] C, boolean tiled) {
    if (C.length == 0 || R.length == 0) {
      return;
    }
    if (tiled) {
      fmaUpdate(A, false, R.length, R, false, R[0].length, C);
    } else {
      update(A, false, R.length, R, R[0].length, C);
    }
  }

  /** {@code C += Aᵀ R}: C is m × n, A is B × m (so {@code a(i, j) = A_j,i}), R is B × n. */
  static void addTransposedTimes(double[][] A, double[][] R, double[][] C) {
    addTransposedTimes(A, R, C, HardwareFma.AVAILABLE);
  }

  /** {@link #addTransposedTimes(double[][], double[][], double[][])} by the tiled loops or these. */
  static void addTransposedTimes(double[][] A, double[][] R, double[][] C, boolean tiled) {
    if (C.length == 0 || R.length == 0) {
      return;
    }
    if (tiled) {
      fmaUpdate(A, true, R.length, R, false, R[0].length, C);
    } else {
      update(A, true, R.length, R, R[0].length, C);
    }
  }

  /** A matrix of at least {@code rows} rows of at least {@code cols} elements, this thread's. */
  private static double[][] scratch(int rows, int cols) {
    double[][][] holder = SCRATCH.get();
    double[][] s = holder[0];
    if (s.length < rows || s.length == 0 || s[0].length < cols) {
      int r = Math.max(rows, s.length);
      int c = Math.max(cols, s.length == 0 ? 0 : s[0].length);
      s = new double[r][c];
      holder[0] = s;
    }
    return s;
  }

  /**
   * {@code C_i[0, n) += Σ_{j < inner} a(i, j) R_j[0, n)}, where {@code a(i, j)} is
   * {@code A[i][j]}, or {@code A[j][i]} when {@code transposed}.
   */
  private static void update(
      double[][] A, boolean transposed, int inner, double[][] R, int n, double[][] C) {
    for (int k0 = 0; k0 < n; k0 += KC) {
      int k1 = Math.min(n, k0 + KC);
      for (int j0 = 0; j0 < inner; j0 += JC) {
        int j1 = Math.min(inner, j0 + JC);
        for (int i = 0; i < C.length; i++) {
          double[] c = C[i];
          int j = j0;
          for (; j + 4 <= j1; j += 4) {
            double a0 = a(A, transposed, i, j);
            double a1 = a(A, transposed, i, j + 1);
            double a2 = a(A, transposed, i, j + 2);
            double a3 = a(A, transposed, i, j + 3);
            double[] r0 = R[j];
            double[] r1 = R[j + 1];
            double[] r2 = R[j + 2];
            double[] r3 = R[j + 3];
            for (int k = k0; k < k1; k++) {
              c[k] += a0 * r0[k] + a1 * r1[k] + a2 * r2[k] + a3 * r3[k];
            }
          }
          for (; j < j1; j++) {
            double a0 = a(A, transposed, i, j);
            double[] r0 = R[j];
            for (int k = k0; k < k1; k++) {
              c[k] += a0 * r0[k];
            }
          }
        }
      }
    }
  }

  private static double a(double[][] A, boolean transposed, int i, int j) {
    return transposed ? A[j][i] : A[i][j];
  }

  /**
   * The {@code fma} update: the Vector API's kernel where {@link VectorKernels} loaded it, else
   * {@link TiledGemm}'s loops; the two give the same sums bit for bit.
   */
  private static void fmaUpdate(double[][] A, boolean aTransposed, int inner, double[][] R,
      boolean rTransposed, int n, double[][] C) {
    GemmKernel vector = VectorKernels.GEMM;
    if (vector != null) {
      vector.update(A, aTransposed, inner, R, rTransposed, n, C);
    } else {
      TiledGemm.update(A, aTransposed, inner, R, rTransposed, n, C);
    }
  }

  /** {@link #fmaUpdate(double[][], boolean, int, double[][], boolean, int, double[][])} in float. */
  private static void fmaUpdate(float[][] A, boolean aTransposed, int inner, float[][] R,
      boolean rTransposed, int n, float[][] C) {
    GemmKernel vector = VectorKernels.GEMM;
    if (vector != null) {
      vector.update(A, aTransposed, inner, R, rTransposed, n, C);
    } else {
      TiledGemm.update(A, aTransposed, inner, R, rTransposed, n, C);
    }
  }

  // ---- float ---------------------------------------------------------------------------------

  /** {@link #xwt(double[][], double[][], double[][], boolean)} in float. */
  static void xwt(float[][] X, float[][] W, float[][] Y, boolean add) {
    xwt(X, W, Y, add, FLOAT_FMA);
  }

  /** {@link #xwt(float[][], float[][], float[][], boolean)} by the tiled loops or these. */
  static void xwt(float[][] X, float[][] W, float[][] Y, boolean add, boolean tiled) {
    int rows = Y.length;
    int m = W.length;
    if (!add) {
      for (int b = 0; b < rows; b++) {
        Arrays.fill(Y[b], 0f);
      }
    }
    if (rows == 0 || m == 0) {
      return;
    }
    int n = W[0].length;
    if (tiled) {
      fmaUpdate(X, false, n, W, true, m, Y);
      return;
    }
    float[][] wt = floatScratch(n, m);
    for (int o = 0; o < m; o++) {
      float[] wo = W[o];
      for (int k = 0; k < n; k++) {
        wt[k][o] = wo[k];
      }
    }
    update(X, false, n, wt, m, Y);
  }

  /** {@link #addTimes(double[][], double[][], double[][])} in float. */
  static void addTimes(float[][] A, float[][] R, float[][] C) {
    addTimes(A, R, C, FLOAT_FMA);
  }

  /** {@link #addTimes(float[][], float[][], float[][])} by the tiled loops or these. */
  static void addTimes(float[][] A, float[][] R, float[][] C, boolean tiled) {
    if (C.length == 0 || R.length == 0) {
      return;
    }
    if (tiled) {
      fmaUpdate(A, false, R.length, R, false, R[0].length, C);
    } else {
      update(A, false, R.length, R, R[0].length, C);
    }
  }

  /** {@link #addTransposedTimes(double[][], double[][], double[][])} in float. */
  static void addTransposedTimes(float[][] A, float[][] R, float[][] C) {
    addTransposedTimes(A, R, C, FLOAT_FMA);
  }

  /** {@link #addTransposedTimes(float[][], float[][], float[][])} by the tiled loops or these. */
  static void addTransposedTimes(float[][] A, float[][] R, float[][] C, boolean tiled) {
    if (C.length == 0 || R.length == 0) {
      return;
    }
    if (tiled) {
      fmaUpdate(A, true, R.length, R, false, R[0].length, C);
    } else {
      update(A, true, R.length, R, R[0].length, C);
    }
  }

  /** {@link #scratch} in float. */
  private static float[][] floatScratch(int rows, int cols) {
    float[][][] holder = FLOAT_SCRATCH.get();
    float[][] s = holder[0];
    if (s.length < rows || s.length == 0 || s[0].length < cols) {
      int r = Math.max(rows, s.length);
      int c = Math.max(cols, s.length == 0 ? 0 : s[0].length);
      s = new float[r][c];
      holder[0] = s;
    }
    return s;
  }

  /** {@link #update(double[][], boolean, int, double[][], int, double[][])} in float. */
  private static void update(
      float[][] A, boolean transposed, int inner, float[][] R, int n, float[][] C) {
    for (int k0 = 0; k0 < n; k0 += KC) {
      int k1 = Math.min(n, k0 + KC);
      for (int j0 = 0; j0 < inner; j0 += JC) {
        int j1 = Math.min(inner, j0 + JC);
        for (int i = 0; i < C.length; i++) {
          float[] c = C[i];
          int j = j0;
          for (; j + 4 <= j1; j += 4) {
            float a0 = a(A, transposed, i, j);
            float a1 = a(A, transposed, i, j + 1);
            float a2 = a(A, transposed, i, j + 2);
            float a3 = a(A, transposed, i, j + 3);
            float[] r0 = R[j];
            float[] r1 = R[j + 1];
            float[] r2 = R[j + 2];
            float[] r3 = R[j + 3];
            for (int k = k0; k < k1; k++) {
              c[k] += a0 * r0[k] + a1 * r1[k] + a2 * r2[k] + a3 * r3[k];
            }
          }
          for (; j < j1; j++) {
            float a0 = a(A, transposed, i, j);
            float[] r0 = R[j];
            for (int k = k0; k < k1; k++) {
              c[k] += a0 * r0[k];
            }
          }
        }
      }
    }
  }

  private static float a(float[][] A, boolean transposed, int i, int j) {
    return transposed ? A[j][i] : A[i][j];
  }
}
