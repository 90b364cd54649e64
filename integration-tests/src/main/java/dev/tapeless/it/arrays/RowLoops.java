package dev.tapeless.it.arrays;

import dev.tapeless.Differentiable;

/**
 * Enhanced {@code for} over a row expression, {@code for (double e : A[i])}: Java takes the
 * row once, before the loop, so a body that moves {@code i} keeps reading the first row, while
 * writes into that row are seen by the iterations after them.
 */
public final class RowLoops {
  private RowLoops() {}

  /** The row index moves in the body; the loop stays on the row it started with. */
  @Differentiable
  public static double overRowIndexMoved(double[][] A, double[] x) {
    double s = 0;
    int i = 0;
    for (double e : A[i]) {
      s += Math.sin(e * x[i % x.length]) + e * e;
      i = (i + 1) % A.length;
    }
    for (double e : A[A.length - 1]) {
      s += e * x[0];
    }
    return s + i;
  }

  /**
   * The body writes the row it loops over (the next element, read in the next iteration) and,
   * through the moving index, the other rows.
   */
  @Differentiable
  public static double overRowWritten(double[][] A, double[] x) {
    int m = A.length;
    int n = A[0].length;
    double[][] B = new double[m][n];
    for (int r = 0; r < m; r++) {
      for (int c = 0; c < n; c++) {
        B[r][c] = A[r][c] * x[c];
      }
    }
    double s = 0;
    int i = 0;
    int j = 0;
    for (double e : B[i]) {
      s += e * e;
      if (j + 1 < n) {
        B[0][j + 1] += Math.sin(e);
      }
      i = (i + 1) % m;
      B[i][j] *= 1.5 + e;
      j++;
    }
    for (int r = 0; r < m; r++) {
      for (int c = 0; c < n; c++) {
        s += 0.5 * B[r][c] * B[r][c];
      }
    }
    return s;
  }

  /** A loop over a row left by {@code break}, its index moving on each iteration. */
  @Differentiable
  public static double overRowUntil(double[][] A, double[] x) {
    double s = 0;
    int i = A.length / 2;
    for (double e : A[i]) {
      if (e > 0.9) {
        break;
      }
      s += e * e * x[i % x.length];
      i = (i + 1) % A.length;
    }
    return s + i;
  }
}
