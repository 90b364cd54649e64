package dev.tapeless.it.arrays;

import dev.tapeless.Differentiable;
import dev.tapeless.Out;

/** Matrix-vector and matrix-matrix products written as nested loops. */
public final class Matrices {
  private Matrices() {}

  /** {@code xᵀ A x}: each x_j is read twice per term. */
  @Differentiable
  public static double quadraticForm(double[][] A, double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        s += x[i] * A[i][j] * x[j];
      }
    }
    return s;
  }

  /** {@code uᵀ A v} for a rectangular A. */
  @Differentiable
  public static double bilinear(double[] u, double[][] A, double[] v) {
    double s = 0;
    for (int i = 0; i < u.length; i++) {
      double row = 0;
      for (int j = 0; j < v.length; j++) {
        row += A[i][j] * v[j];
      }
      s += u[i] * row;
    }
    return s;
  }

  /** {@code ‖W x‖²} through a local vector filled with {@code y[i] += W[i][j] * x[j]}. */
  @Differentiable
  public static double matvecSquaredNorm(double[][] W, double[] x) {
    int m = W.length;
    double[] y = new double[m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < x.length; j++) {
        y[i] += W[i][j] * x[j];
      }
    }
    double s = 0;
    for (int i = 0; i < m; i++) {
      s += y[i] * y[i];
    }
    return s;
  }

  /** {@code ‖A B‖_F²} through a local matrix: a triple loop. */
  @Differentiable
  public static double productFrobenius(double[][] A, double[][] B) {
    int m = A.length;
    int k = B.length;
    int n = B[0].length;
    double[][] C = new double[m][n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        for (int l = 0; l < k; l++) {
          C[i][j] += A[i][l] * B[l][j];
        }
      }
    }
    double s = 0;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        s += C[i][j] * C[i][j];
      }
    }
    return s;
  }

  /** {@code tr(A B)} without forming the product. */
  @Differentiable
  public static double traceOfProduct(double[][] A, double[][] B) {
    double t = 0;
    for (int i = 0; i < A.length; i++) {
      for (int l = 0; l < B.length; l++) {
        t += A[i][l] * B[l][i];
      }
    }
    return t;
  }

  /** {@code y = W x + b}: a dense layer written element by element into an output. */
  @Differentiable
  public static void affine(double[][] W, double[] x, double[] b, @Out double[] y) {
    for (int i = 0; i < W.length; i++) {
      y[i] = b[i];
      for (int j = 0; j < x.length; j++) {
        y[i] += W[i][j] * x[j];
      }
    }
  }

  /** {@code C = A B} into a 2-D output. */
  @Differentiable
  public static void multiply(double[][] A, double[][] B, @Out double[][] C) {
    for (int i = 0; i < A.length; i++) {
      for (int j = 0; j < C[i].length; j++) {
        double s = 0;
        for (int l = 0; l < B.length; l++) {
          s += A[i][l] * B[l][j];
        }
        C[i][j] = s;
      }
    }
  }

  /** {@code y = Wᵀ x}: the output is cleared, then accumulated column by column. */
  @Differentiable
  public static void transposeTimes(double[][] W, double[] x, @Out double[] y) {
    for (int j = 0; j < y.length; j++) {
      y[j] = 0;
    }
    for (int i = 0; i < W.length; i++) {
      for (int j = 0; j < y.length; j++) {
        y[j] += W[i][j] * x[i];
      }
    }
  }
}
