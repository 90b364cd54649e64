package dev.tapeless.runtime;

/**
 * The products' update {@code C_i += Σ_j a(i, j) R_j} where {@link Math#fma} is one instruction
 * ({@link HardwareFma}), 1.2–2 times as fast as {@link Gemm}'s multiply-and-add loops at the
 * benchmark's shapes. Two rows of C share one loop over their columns, each element of R loaded
 * there serving both rows: 6 FMAs per 5 loads and 2 stores instead of 4 per 5 and 1.
 *
 * <p>The loop shape is dictated by C2's superword pass on JDK 17, checked by the numbers (see
 * BENCHMARKS.md): it vectorizes a loop that stores to two rows only when both rows are one
 * array at a compile-time constant distance ({@link #STRIDE}), when no index has a loop-invariant
 * offset, and when the body stays small (2 rows × 3 rows of R; 2 × 4 or 3 × 3 run scalar, as do
 * the same loops with {@code a * b + c} instead of {@code Math.fma}). So the two rows of C are
 * copied into a tile {@code [row i | row i+1]} of stride {@code STRIDE}, and the block of R is
 * packed into a panel of rows that all start at column 0. Both are per-thread scratch, grown
 * once, so that after the first call of a given size nothing is allocated.
 *
 * <p>The float overloads are the same loops with {@code Math.fma(float, float, float)}, the same
 * blocks and stride (a float block then takes half the cache, which keeps the loop shape C2
 * vectorizes unchanged), and a float tile and panel of their own.
 */
final class TiledGemm {

  /** Columns per block: a pass over the tile reads 5 × 4 KiB, in L1. */
  static final int KC = 512;

  /**
   * The tile's row stride: a little more than {@link #KC}, so that the two rows are not 4 KiB
   * apart, where loads of one row would be taken for loads of what was just stored to the other
   * (4K aliasing).
   */
  static final int STRIDE = KC + 8;

  /** Rows of R per packed panel: 128 × 4 KiB = 512 KiB, in L2. */
  static final int JC = 128;

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private TiledGemm() {}

  /**
   * {@code C_i[0, n) += Σ_{j < inner} a(i, j) R_j[0, n)}: {@code a(i, j)} is {@code A[i][j]},
   * or {@code A[j][i]} when {@code aTransposed}; {@code R_j[k]} is {@code R[j][k]}, or
   * {@code R[k][j]} when {@code rTransposed}.
   */
  static void update(double[][] A, boolean aTransposed, int inner, double[][] R,
      boolean rTransposed, int n, double[][] C) {
    Scratch s = SCRATCH.get();
    double[] t = s.tile;
    int rows = C.length;
    for (int k0 = 0; k0 < n; k0 += KC) {
      int kw = Math.min(n - k0, KC);
      for (int j0 = 0; j0 < inner; j0 += JC) {
        int jw = Math.min(inner - j0, JC);
        double[][] p = s.panel(jw, kw);
        pack(R, rTransposed, j0, jw, k0, kw, p);
        int i = 0;
        for (; i + 2 <= rows; i += 2) {
          System.arraycopy(C[i], k0, t, 0, kw);
          System.arraycopy(C[i + 1], k0, t, STRIDE, kw);
          rowPair(t, p, jw, kw, A, aTransposed, i, j0);
          System.arraycopy(t, 0, C[i], k0, kw);
          System.arraycopy(t, STRIDE, C[i + 1], k0, kw);
        }
        if (i < rows) {
          oneRow(C[i], k0, kw, t, p, jw, A, aTransposed, i, j0);
        }
      }
    }
  }

  /**
   * Rows i and i + 1 of the tile += their a(i, j) times the panel's rows. Its bytecode is kept
   * above C2's {@code FreqInlineSize} (325 bytes), so that it is compiled as a method of its
   * own: inlined into {@link #update}, its loops measured scalar.
   */
  private static void rowPair(double[] t, double[][] p, int jw, int kw, double[][] A,
      boolean aTransposed, int i, int j0) {
    int j = 0;
    for (; j + 3 <= jw; j += 3) {
      int q = j0 + j;
      double a00 = a(A, aTransposed, i, q);
      double a01 = a(A, aTransposed, i, q + 1);
      double a02 = a(A, aTransposed, i, q + 2);
      double a10 = a(A, aTransposed, i + 1, q);
      double a11 = a(A, aTransposed, i + 1, q + 1);
      double a12 = a(A, aTransposed, i + 1, q + 2);
      double[] r0 = p[j];
      double[] r1 = p[j + 1];
      double[] r2 = p[j + 2];
      for (int k = 0; k < kw; k++) {
        double x0 = r0[k];
        double x1 = r1[k];
        double x2 = r2[k];
        t[k] = Math.fma(a02, x2, Math.fma(a01, x1, Math.fma(a00, x0, t[k])));
        t[k + STRIDE] = Math.fma(a12, x2, Math.fma(a11, x1, Math.fma(a10, x0, t[k + STRIDE])));
      }
    }
    for (; j < jw; j++) {
      double a0 = a(A, aTransposed, i, j0 + j);
      double a1 = a(A, aTransposed, i + 1, j0 + j);
      double[] r0 = p[j];
      for (int k = 0; k < kw; k++) {
        double x0 = r0[k];
        t[k] = Math.fma(a0, x0, t[k]);
        t[k + STRIDE] = Math.fma(a1, x0, t[k + STRIDE]);
      }
    }
  }

  /** The last row of an odd number: the same update through the tile's first row. */
  private static void oneRow(double[] c, int k0, int kw, double[] t, double[][] p, int jw,
      double[][] A, boolean aTransposed, int i, int j0) {
    System.arraycopy(c, k0, t, 0, kw);
    int j = 0;
    for (; j + 4 <= jw; j += 4) {
      int q = j0 + j;
      oneByFour(t, p[j], p[j + 1], p[j + 2], p[j + 3], a(A, aTransposed, i, q),
          a(A, aTransposed, i, q + 1), a(A, aTransposed, i, q + 2), a(A, aTransposed, i, q + 3),
          kw);
    }
    for (; j < jw; j++) {
      double a0 = a(A, aTransposed, i, j0 + j);
      double[] r0 = p[j];
      for (int k = 0; k < kw; k++) {
        t[k] = Math.fma(a0, r0[k], t[k]);
      }
    }
    System.arraycopy(t, 0, c, k0, kw);
  }

  /** Copies {@code R_j[k0, k0 + kw)} for {@code j} in {@code [j0, j0 + jw)} to panel rows from 0. */
  private static void pack(double[][] R, boolean rTransposed, int j0, int jw, int k0, int kw,
      double[][] p) {
    if (!rTransposed) {
      for (int j = 0; j < jw; j++) {
        System.arraycopy(R[j0 + j], k0, p[j], 0, kw);
      }
      return;
    }
    for (int k = 0; k < kw; k++) {
      double[] column = R[k0 + k];
      for (int j = 0; j < jw; j++) {
        p[j][k] = column[j0 + j];
      }
    }
  }

  private static void oneByFour(double[] t, double[] r0, double[] r1, double[] r2, double[] r3,
      double a0, double a1, double a2, double a3, int kw) {
    for (int k = 0; k < kw; k++) {
      t[k] = Math.fma(a3, r3[k], Math.fma(a2, r2[k], Math.fma(a1, r1[k], Math.fma(a0, r0[k], t[k]))));
    }
  }

  private static double a(double[][] A, boolean transposed, int i, int j) {
    return transposed ? A[j][i] : A[i][j];
  }

  /**
   * This thread's tiles (two rows of stride STRIDE) and packed panels, double and float, each
   * panel grown to the largest block.
   */
  private static final class Scratch {
    final double[] tile = new double[2 * STRIDE];
    final float[] floatTile = new float[2 * STRIDE];
    double[][] panel = new double[0][0];
    float[][] floatPanel = new float[0][0];

    double[][] panel(int rows, int cols) {
      if (panel.length < rows || panel.length == 0 || panel[0].length < cols) {
        int r = Math.max(rows, panel.length);
        int c = Math.max(cols, panel.length == 0 ? 0 : panel[0].length);
        panel = new double[r][c];
      }
      return panel;
    }

    float[][] floatPanel(int rows, int cols) {
      if (floatPanel.length < rows || floatPanel.length == 0 || floatPanel[0].length < cols) {
        int r = Math.max(rows, floatPanel.length);
        int c = Math.max(cols, floatPanel.length == 0 ? 0 : floatPanel[0].length);
        floatPanel = new float[r][c];
      }
      return floatPanel;
    }
  }

  // ---- float ---------------------------------------------------------------------------------

  /** {@link #update(double[][], boolean, int, double[][], boolean, int, double[][])} in float. */
  static void update(float[][] A, boolean aTransposed, int inner, float[][] R,
      boolean rTransposed, int n, float[][] C) {
    Scratch s = SCRATCH.get();
    float[] t = s.floatTile;
    int rows = C.length;
    for (int k0 = 0; k0 < n; k0 += KC) {
      int kw = Math.min(n - k0, KC);
      for (int j0 = 0; j0 < inner; j0 += JC) {
        int jw = Math.min(inner - j0, JC);
        float[][] p = s.floatPanel(jw, kw);
        pack(R, rTransposed, j0, jw, k0, kw, p);
        int i = 0;
        for (; i + 2 <= rows; i += 2) {
          System.arraycopy(C[i], k0, t, 0, kw);
          System.arraycopy(C[i + 1], k0, t, STRIDE, kw);
          rowPair(t, p, jw, kw, A, aTransposed, i, j0);
          System.arraycopy(t, 0, C[i], k0, kw);
          System.arraycopy(t, STRIDE, C[i + 1], k0, kw);
        }
        if (i < rows) {
          oneRow(C[i], k0, kw, t, p, jw, A, aTransposed, i, j0);
        }
      }
    }
  }

  /** The double {@code rowPair} in float, kept as large, so that it too is compiled alone. */
  private static void rowPair(float[] t, float[][] p, int jw, int kw, float[][] A,
      boolean aTransposed, int i, int j0) {
    int j = 0;
    for (; j + 3 <= jw; j += 3) {
      int q = j0 + j;
      float a00 = a(A, aTransposed, i, q);
      float a01 = a(A, aTransposed, i, q + 1);
      float a02 = a(A, aTransposed, i, q + 2);
      float a10 = a(A, aTransposed, i + 1, q);
      float a11 = a(A, aTransposed, i + 1, q + 1);
      float a12 = a(A, aTransposed, i + 1, q + 2);
      float[] r0 = p[j];
      float[] r1 = p[j + 1];
      float[] r2 = p[j + 2];
      for (int k = 0; k < kw; k++) {
        float x0 = r0[k];
        float x1 = r1[k];
        float x2 = r2[k];
        t[k] = Math.fma(a02, x2, Math.fma(a01, x1, Math.fma(a00, x0, t[k])));
        t[k + STRIDE] = Math.fma(a12, x2, Math.fma(a11, x1, Math.fma(a10, x0, t[k + STRIDE])));
      }
    }
    for (; j < jw; j++) {
      float a0 = a(A, aTransposed, i, j0 + j);
      float a1 = a(A, aTransposed, i + 1, j0 + j);
      float[] r0 = p[j];
      for (int k = 0; k < kw; k++) {
        float x0 = r0[k];
        t[k] = Math.fma(a0, x0, t[k]);
        t[k + STRIDE] = Math.fma(a1, x0, t[k + STRIDE]);
      }
    }
  }

  /** The double {@code oneRow} in float. */
  private static void oneRow(float[] c, int k0, int kw, float[] t, float[][] p, int jw,
      float[][] A, boolean aTransposed, int i, int j0) {
    System.arraycopy(c, k0, t, 0, kw);
    int j = 0;
    for (; j + 4 <= jw; j += 4) {
      int q = j0 + j;
      oneByFour(t, p[j], p[j + 1], p[j + 2], p[j + 3], a(A, aTransposed, i, q),
          a(A, aTransposed, i, q + 1), a(A, aTransposed, i, q + 2), a(A, aTransposed, i, q + 3),
          kw);
    }
    for (; j < jw; j++) {
      float a0 = a(A, aTransposed, i, j0 + j);
      float[] r0 = p[j];
      for (int k = 0; k < kw; k++) {
        t[k] = Math.fma(a0, r0[k], t[k]);
      }
    }
    System.arraycopy(t, 0, c, k0, kw);
  }

  /** The double {@code pack} in float. */
  private static void pack(float[][] R, boolean rTransposed, int j0, int jw, int k0, int kw,
      float[][] p) {
    if (!rTransposed) {
      for (int j = 0; j < jw; j++) {
        System.arraycopy(R[j0 + j], k0, p[j], 0, kw);
      }
      return;
    }
    for (int k = 0; k < kw; k++) {
      float[] column = R[k0 + k];
      for (int j = 0; j < jw; j++) {
        p[j][k] = column[j0 + j];
      }
    }
  }

  private static void oneByFour(float[] t, float[] r0, float[] r1, float[] r2, float[] r3,
      float a0, float a1, float a2, float a3, int kw) {
    for (int k = 0; k < kw; k++) {
      t[k] = Math.fma(a3, r3[k], Math.fma(a2, r2[k], Math.fma(a1, r1[k], Math.fma(a0, r0[k], t[k]))));
    }
  }

  private static float a(float[][] A, boolean transposed, int i, int j) {
    return transposed ? A[j][i] : A[i][j];
  }
}
