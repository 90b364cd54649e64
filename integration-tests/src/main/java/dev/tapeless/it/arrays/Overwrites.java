package dev.tapeless.it.arrays;

import dev.tapeless.Differentiable;

/**
 * Loops that overwrite a whole local array, then update it in place: after such a loop the
 * updates need no saves (every element's old value was saved by the loop). The cases around
 * that rule must keep their saves: a loop that also reads the array, one that may stop early,
 * one that covers only part of the array, and a size that changes.
 */
public final class Overwrites {
  private Overwrites() {}

  /** GMM's shape: q = diag(exp(w)) x, then the strict lower triangle added in place. */
  @Differentiable
  public static double triangular(double[] w, double[] l, double[] xs, int d) {
    double[] q = new double[d];
    double sum = 0;
    for (int p = 0; p + d <= xs.length; p += d) {
      for (int j = 0; j < d; j++) {
        q[j] = Math.exp(w[j]) * xs[p + j];
      }
      int li = 0;
      for (int col = 0; col < d; col++) {
        for (int row = col + 1; row < d; row++) {
          q[row] += l[li] * xs[p + col];
          li++;
        }
      }
      for (int j = 0; j < d; j++) {
        sum += q[j] * q[j];
      }
    }
    return sum;
  }

  /**
   * {@link #triangular} with an overwriting loop that also reads the array ({@code 0 * q[j]},
   * the same values): outside the rule, so the in-place updates are saved.
   */
  @Differentiable
  public static double triangularReading(double[] w, double[] l, double[] xs, int d) {
    double[] q = new double[d];
    double sum = 0;
    for (int p = 0; p + d <= xs.length; p += d) {
      for (int j = 0; j < d; j++) {
        q[j] = Math.exp(w[j]) * xs[p + j] + 0 * q[j];
      }
      int li = 0;
      for (int col = 0; col < d; col++) {
        for (int row = col + 1; row < d; row++) {
          q[row] += l[li] * xs[p + col];
          li++;
        }
      }
      for (int j = 0; j < d; j++) {
        sum += q[j] * q[j];
      }
    }
    return sum;
  }

  /** The overwriting loop reads the array too (a running product): its saves stay. */
  @Differentiable
  public static double readsWhileOverwriting(double[] w, int rounds) {
    double[] a = new double[w.length];
    double sum = 0;
    for (int r = 0; r < rounds; r++) {
      for (int j = 0; j < a.length; j++) {
        a[j] = (j == 0 ? w[0] : a[j - 1]) * w[j] + 0.1 * r;
      }
      for (int j = 0; j < a.length; j++) {
        a[j] *= a[j];
      }
      for (int j = 0; j < a.length; j++) {
        sum += Math.sin(a[j]);
      }
    }
    return sum;
  }

  /** The overwriting loop may stop early: later updates must still save. */
  @Differentiable
  public static double stopsEarly(double[] w, int rounds, int stop) {
    double[] a = new double[w.length];
    double sum = 0;
    for (int r = 0; r < rounds; r++) {
      for (int j = 0; j < a.length; j++) {
        if (j == stop) {
          break;
        }
        a[j] = w[j] * (r + 1);
      }
      for (int j = 0; j < a.length; j++) {
        a[j] = a[j] * a[j] + w[j];
      }
      for (int j = 0; j < a.length; j++) {
        sum += Math.cos(a[j]);
      }
    }
    return sum;
  }

  /** The overwriting loop covers only part of the array. */
  @Differentiable
  public static double partial(double[] w, int rounds, int n) {
    double[] a = new double[w.length];
    double sum = 0;
    for (int r = 0; r < rounds; r++) {
      for (int j = 0; j < n; j++) {
        a[j] = w[j] + r;
      }
      for (int j = 0; j < a.length; j++) {
        a[j] = a[j] * a[j] * w[j];
      }
      for (int j = 0; j < a.length; j++) {
        sum += Math.sin(a[j]);
      }
    }
    return sum;
  }

  /** The loop bound is a variable assigned again after the array was made. */
  @Differentiable
  public static double boundChanges(double[] w, int rounds) {
    int n = w.length;
    double[] a = new double[n];
    double sum = 0;
    for (int r = 0; r < rounds; r++) {
      n = w.length - (r % 2);
      for (int j = 0; j < n; j++) {
        a[j] = w[j] * (r + 2);
      }
      for (int j = 0; j < a.length; j++) {
        a[j] = a[j] * a[j] + w[j];
      }
      for (int j = 0; j < a.length; j++) {
        sum += Math.cos(a[j]);
      }
    }
    return sum;
  }

  /** The same overwrite through {@code a.length}, with a second full overwrite after the read. */
  @Differentiable
  public static double twice(double[] w, int rounds) {
    double[] a = new double[w.length];
    double sum = 0;
    for (int r = 0; r < rounds; r++) {
      for (int j = 0; j < a.length; j++) {
        a[j] = w[j] * w[j] + r;
      }
      for (int j = 0; j < a.length; j++) {
        a[j] = Math.sqrt(a[j]);
      }
      for (int j = 0; j < a.length; j++) {
        sum += a[j] * w[j];
      }
      for (int j = 0; j < a.length; j++) {
        a[j] = sum * w[j];
      }
      for (int j = 1; j < a.length; j++) {
        a[j] += a[j - 1];
      }
      sum += a[a.length - 1];
    }
    return sum;
  }
}
