package dev.tapeless.it.arrays;

import dev.tapeless.Differentiable;
import dev.tapeless.Out;

/** Loops whose inner bound is the outer index: lower triangles, substitutions, factorizations. */
public final class Triangular {
  private Triangular() {}

  /** {@code Σ_i Σ_{j ≤ i} L_ij x_i x_j}. */
  @Differentiable
  public static double lowerQuadratic(double[][] L, double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j <= i; j++) {
        s += L[i][j] * x[i] * x[j];
      }
    }
    return s;
  }

  /** Solves {@code L y = b} by forward substitution into a local, returns {@code ‖y‖²}. */
  @Differentiable
  public static double forwardSubstitution(double[][] L, double[] b) {
    int n = b.length;
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = b[i];
      for (int j = 0; j < i; j++) {
        y[i] -= L[i][j] * y[j];
      }
      y[i] /= L[i][i];
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += y[i] * y[i];
    }
    return s;
  }

  /** Back substitution: both loops count down, the inner one from the end to i + 1. */
  @Differentiable
  public static double backSubstitution(double[][] U, double[] b) {
    int n = b.length;
    double[] y = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = b[i];
      for (int j = n - 1; j > i; j--) {
        s -= U[i][j] * y[j];
      }
      y[i] = s / U[i][i];
    }
    double r = 0;
    for (int i = 0; i < n; i++) {
      r += (i + 1) * y[i];
    }
    return r;
  }

  /** {@code Σ_{i<j} sqrt((x_i − x_j)² + 1)}: the inner loop starts after the outer index. */
  @Differentiable
  public static double pairwiseDistances(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = i + 1; j < x.length; j++) {
        double d = x[i] - x[j];
        s += Math.sqrt(d * d + 1);
      }
    }
    return s;
  }

  /**
   * {@code log det A} of a symmetric positive definite A through its Cholesky factor, computed
   * into a local matrix: square roots and divisions inside triangular loops. Reads only the
   * lower triangle of A.
   */
  @Differentiable
  public static double choleskyLogDet(double[][] A) {
    int n = A.length;
    double[][] L = new double[n][n];
    for (int j = 0; j < n; j++) {
      double d = A[j][j];
      for (int k = 0; k < j; k++) {
        d -= L[j][k] * L[j][k];
      }
      L[j][j] = Math.sqrt(d);
      for (int i = j + 1; i < n; i++) {
        double s = A[i][j];
        for (int k = 0; k < j; k++) {
          s -= L[i][k] * L[j][k];
        }
        L[i][j] = s / L[j][j];
      }
    }
    double logDet = 0;
    for (int i = 0; i < n; i++) {
      logDet += 2 * Math.log(L[i][i]);
    }
    return logDet;
  }

  /** {@code y_i = Σ_{j ≤ i} (j + 1) x_j²}: a triangular loop writing an output. */
  @Differentiable
  public static void weightedCumulative(double[] x, @Out double[] y) {
    for (int i = 0; i < x.length; i++) {
      double s = 0;
      for (int j = 0; j <= i; j++) {
        s += (j + 1) * x[j] * x[j];
      }
      y[i] = s;
    }
  }
}
