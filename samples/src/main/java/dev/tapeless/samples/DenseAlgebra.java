package dev.tapeless.samples;

import java.util.Arrays;

/**
 * The few dense vector and matrix operations the optimizers of the samples need around the
 * generated gradients, Jacobians and Hessians (Newton, Gauss–Newton, Levenberg–Marquardt,
 * L-BFGS): small systems, solved directly, so no linear-algebra library is pulled in.
 */
public final class DenseAlgebra {
  private DenseAlgebra() {}

  /** Solves a x = b by Gaussian elimination with partial pivoting; a and b are kept. */
  public static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      m[i] = Arrays.copyOf(a[i], n + 1);
      m[i][n] = b[i];
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int i = col + 1; i < n; i++) {
        pivot = Math.abs(m[i][col]) > Math.abs(m[pivot][col]) ? i : pivot;
      }
      double[] t = m[col];
      m[col] = m[pivot];
      m[pivot] = t;
      for (int i = col + 1; i < n; i++) {
        double f = m[i][col] / m[col][col];
        for (int k = col; k <= n; k++) {
          m[i][k] -= f * m[col][k];
        }
      }
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = m[i][n];
      for (int k = i + 1; k < n; k++) {
        s -= m[i][k] * x[k];
      }
      x[i] = s / m[i][i];
    }
    return x;
  }

  public static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  public static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  /** The Euclidean distance between a and b. */
  public static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s);
  }
}
