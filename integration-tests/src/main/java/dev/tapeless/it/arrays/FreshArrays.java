package dev.tapeless.it.arrays;

import dev.tapeless.Differentiable;

/**
 * Arrays created inside loops and branches, where the computation needs them: each
 * iteration's array starts from zeros (or a copy, or an initializer) as in Java, while the
 * frame reuses one buffer and the backward sweep restores each iteration's contents.
 */
public final class FreshArrays {
  private FreshArrays() {}

  /** A scratch vector per iteration, filled and reduced. */
  @Differentiable
  public static double scratchPerIteration(double[] x, int steps) {
    double s = 0;
    for (int k = 0; k < steps; k++) {
      double[] t = new double[x.length];
      for (int j = 0; j < x.length; j++) {
        t[j] = Math.sin(x[j] * (k + 1)) + s * 0.1;
      }
      for (int j = 1; j < t.length; j++) {
        t[j] += t[j - 1] * 0.5;
      }
      s += t[t.length - 1] * t[0];
    }
    return s;
  }

  /** A matrix per iteration, partly written: the rest must read as zeros every time. */
  @Differentiable
  public static double matrixPerIteration(double[][] W, double[] x) {
    int n = x.length;
    double s = 0;
    for (int i = 0; i < W.length; i++) {
      double[][] outer = new double[n][n];
      for (int a = 0; a <= i && a < n; a++) {
        for (int b = 0; b < n; b++) {
          outer[a][b] = W[i][a] * x[b];
        }
      }
      for (double[] row : outer) {
        for (double v : row) {
          s += v * v;
        }
      }
    }
    return s;
  }

  /** An array created only when a branch is taken; some calls never create it. */
  @Differentiable
  public static double createdInABranch(double[] x, double threshold) {
    double s = x[0];
    if (x[0] > threshold) {
      double[] t = new double[x.length];
      for (int j = 0; j < x.length; j++) {
        t[j] = x[j] * x[0];
      }
      for (double v : t) {
        s += Math.exp(-v * v);
      }
    }
    return s;
  }

  /** A copy and an initializer per iteration, and a loop that may end early. */
  @Differentiable
  public static double copiesPerIteration(double[] x, double limit) {
    double s = 0;
    int k = 0;
    while (k < 5) {
      double[] c = x.clone();
      double[] pair = {s, c[k % c.length] * c[0]};
      c[0] = pair[0] + pair[1];
      for (int j = 0; j < c.length; j++) {
        s += c[j] * 0.25;
      }
      if (Math.abs(s) > limit) {
        break;
      }
      k++;
    }
    return s;
  }

  /** Arrays created in nested loops, sized by the method's arguments. */
  @Differentiable
  public static double nestedLoops(double[] x, int m) {
    double s = 0;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < m; j++) {
        double[] h = new double[m + 1];
        h[j] = x[(i + j) % x.length];
        h[m] = h[j] * h[j];
        s += h[m] + h[j] * (i + 1);
      }
    }
    return s;
  }
}
