package dev.tapeless.it.arrays;

import dev.tapeless.Differentiable;

/**
 * Recurrences over local arrays, where each element is computed from earlier ones, and in-place
 * updates {@code a[i] = f(a[i])} that overwrite what the backward sweep needs.
 */
public final class Recurrences {
  private Recurrences() {}

  /** Prefix sums into a local array, then {@code Σ p_i²}. */
  @Differentiable
  public static double prefixSums(double[] x) {
    int n = x.length;
    double[] p = new double[n];
    p[0] = x[0];
    for (int i = 1; i < n; i++) {
      p[i] = p[i - 1] + x[i];
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += p[i] * p[i];
    }
    return s;
  }

  /** A scalar recurrent net, {@code h_t = tanh(w h_{t−1} + x_t)}: backpropagation through time. */
  @Differentiable
  public static double scalarRnn(double w, double h0, double[] x) {
    int n = x.length;
    double[] h = new double[n + 1];
    h[0] = h0;
    for (int t = 1; t <= n; t++) {
      h[t] = Math.tanh(w * h[t - 1] + x[t - 1]);
    }
    double loss = 0;
    for (int t = 1; t <= n; t++) {
      loss += h[t] * h[t];
    }
    return loss;
  }

  /** A local copy updated in place three times, element by element. */
  @Differentiable
  public static double inPlaceUpdates(double[] x) {
    int n = x.length;
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = x[i];
    }
    for (int i = 0; i < n; i++) {
      a[i] = Math.sin(a[i]);
    }
    for (int i = 0; i < n; i++) {
      a[i] = a[i] * a[i] + a[i];
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += a[i] * (i + 1);
    }
    return s;
  }

  /** Every compound assignment on array elements, and {@code ++}/{@code --}. */
  @Differentiable
  public static double compoundElementUpdates(double[] x, double c) {
    int n = x.length;
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = x[i];
      a[i] *= c;
      a[i] += x[i] * x[i];
      a[i]++;
      a[i] /= 1 + x[i] * x[i];
      a[i] -= 0.5 * a[i] * a[i];
      a[i]--;
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += a[i] * a[i];
    }
    return s;
  }

  /** An exponential moving average: the recurrence lives in one scalar. */
  @Differentiable
  public static double movingAverage(double alpha, double[] x) {
    double m = x[0];
    for (int t = 1; t < x.length; t++) {
      m = alpha * m + (1 - alpha) * x[t];
    }
    return m;
  }

  /** A second-order linear recurrence: each element reads the two before it. */
  @Differentiable
  public static double secondOrder(double a, double b, double[] x) {
    int n = x.length;
    double[] y = new double[n];
    y[0] = x[0];
    y[1] = a * y[0] + x[1];
    for (int t = 2; t < n; t++) {
      y[t] = a * y[t - 1] - b * y[t - 2] + x[t];
    }
    return y[n - 1] * y[n - 1] + y[n - 2];
  }

  /**
   * An Elman network: {@code h_{t+1} = tanh(Wh h_t + Wx x_t)} over a sequence of input vectors,
   * states kept in a local matrix, loss {@code Σ_i h_T,i}.
   */
  @Differentiable
  public static double elmanRnn(double[][] Wh, double[][] Wx, double[][] xs) {
    int steps = xs.length;
    int hidden = Wh.length;
    double[][] h = new double[steps + 1][hidden];
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < hidden; i++) {
        double z = 0;
        for (int j = 0; j < hidden; j++) {
          z += Wh[i][j] * h[t][j];
        }
        for (int k = 0; k < xs[t].length; k++) {
          z += Wx[i][k] * xs[t][k];
        }
        h[t + 1][i] = Math.tanh(z);
      }
    }
    double loss = 0;
    for (int i = 0; i < hidden; i++) {
      loss += h[steps][i];
    }
    return loss;
  }
}
