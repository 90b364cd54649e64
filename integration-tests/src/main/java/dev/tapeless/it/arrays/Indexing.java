package dev.tapeless.it.arrays;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;

/**
 * Index arrays (gathers and scatters), jagged matrices, and choosing which arrays are
 * differentiated: {@code wrt} subsets and {@code @NoDerivative} arrays.
 */
public final class Indexing {
  private Indexing() {}

  /** Gathers by index; an index repeated in idx sends x its adjoint twice. */
  @Differentiable
  public static double gather(double[] x, int[] idx) {
    double s = 0;
    for (int k = 0; k < idx.length; k++) {
      double v = x[idx[k]];
      s += v * v * (k + 1);
    }
    return s;
  }

  /** Scatters into buckets of a local array, then squares the buckets. */
  @Differentiable
  public static double scatterAdd(double[] x, int[] bucket, int buckets) {
    double[] acc = new double[buckets];
    for (int k = 0; k < x.length; k++) {
      acc[bucket[k]] += x[k];
    }
    double s = 0;
    for (int b = 0; b < buckets; b++) {
      s += acc[b] * acc[b];
    }
    return s;
  }

  /** An embedding lookup: rows of E chosen by token ids, indexed directly. */
  @Differentiable
  public static double embeddingLookup(double[][] E, int[] tokens, double[] w) {
    double s = 0;
    for (int k = 0; k < tokens.length; k++) {
      for (int j = 0; j < w.length; j++) {
        s += Math.tanh(E[tokens[k]][j] * w[j]);
      }
    }
    return s;
  }

  /** Rows of different lengths, each weighted by its index. */
  @Differentiable
  public static double jaggedSquares(double[][] J) {
    double s = 0;
    for (int i = 0; i < J.length; i++) {
      for (int j = 0; j < J[i].length; j++) {
        s += J[i][j] * J[i][j] / (i + 1);
      }
    }
    return s;
  }

  /** A jagged matrix with one weight per row; each row sum passes through log. */
  @Differentiable
  public static double jaggedRowWeights(double[][] J, double[] w) {
    double s = 0;
    for (int i = 0; i < J.length; i++) {
      double row = 0;
      for (int j = 0; j < J[i].length; j++) {
        row += J[i][j] * J[i][j];
      }
      s += w[i] * Math.log(1 + row);
    }
    return s;
  }

  /** Only W is differentiated: the frame has dW and neither dx nor db. */
  @Differentiable(wrt = {"W"})
  public static double wrtMatrixOnly(double[][] W, double[] x, double[] b) {
    double s = 0;
    for (int i = 0; i < W.length; i++) {
      double z = b[i];
      for (int j = 0; j < x.length; j++) {
        z += W[i][j] * x[j];
      }
      s += Math.exp(-z * z);
    }
    return s;
  }

  /** Only the scalar and one of two arrays. */
  @Differentiable(wrt = {"scale", "y"})
  public static double wrtScalarAndArray(double scale, double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += Math.sin(scale * x[i]) * y[i];
    }
    return s;
  }

  /** A target array that is data, not a parameter. */
  @Differentiable
  public static double noDerivativeTarget(double[] x, @NoDerivative double[] target) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double r = x[i] - target[i];
      s += Math.log(1 + r * r);
    }
    return s;
  }

  /** {@code xᵀ A x} with a constant A. */
  @Differentiable
  public static double noDerivativeMatrix(@NoDerivative double[][] A, double[] x) {
    double s = 0;
    for (int i = 0; i < A.length; i++) {
      for (int j = 0; j < x.length; j++) {
        s += A[i][j] * x[i] * x[j];
      }
    }
    return s;
  }
}
