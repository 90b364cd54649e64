package dev.tapeless.it.arrays;

import dev.tapeless.Differentiable;

/** Loops that reduce arrays to one number: sums, products, norms, moments. */
public final class Reductions {
  private Reductions() {}

  @Differentiable
  public static double sum(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i];
    }
    return s;
  }

  @Differentiable
  public static double dot(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }

  /** The Euclidean norm: the loop feeds a square root. */
  @Differentiable
  public static double norm(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[i];
    }
    return Math.sqrt(s);
  }

  /** Two sums over the same weights: every w_i reaches the result by two paths. */
  @Differentiable
  public static double weightedMean(double[] w, double[] x) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < w.length; i++) {
      num += w[i] * x[i];
      den += w[i];
    }
    return num / den;
  }

  /** Two passes: the second loop reads the mean the first one computed. */
  @Differentiable
  public static double variance(double[] x) {
    int n = x.length;
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += x[i];
    }
    mean /= n;
    double s = 0;
    for (int i = 0; i < n; i++) {
      double d = x[i] - mean;
      s += d * d;
    }
    return s / n;
  }

  /** {@code p *= x[i]} overwrites p every iteration: its old values must be recovered. */
  @Differentiable
  public static double product(double[] x) {
    double p = 1;
    for (int i = 0; i < x.length; i++) {
      p *= x[i];
    }
    return p;
  }

  /** A running maximum chosen by a branch, then a log-sum-exp shifted by it. */
  @Differentiable
  public static double logSumExp(double[] z) {
    double m = z[0];
    for (int i = 1; i < z.length; i++) {
      if (z[i] > m) {
        m = z[i];
      }
    }
    double s = 0;
    for (int i = 0; i < z.length; i++) {
      s += Math.exp(z[i] - m);
    }
    return m + Math.log(s);
  }

  /** {@code (Σ |x_i|^p)^(1/p)} with a differentiated exponent. */
  @Differentiable
  public static double pNorm(double[] x, double p) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += Math.pow(Math.abs(x[i]), p);
    }
    return Math.pow(s, 1 / p);
  }

  /** Only the first n elements, weighted by int index arithmetic. */
  @Differentiable
  public static double weightedPrefix(double[] x, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      int weight = 2 * i + 1;
      s += weight * x[i] * x[i] / (i + 2);
    }
    return s;
  }
}
