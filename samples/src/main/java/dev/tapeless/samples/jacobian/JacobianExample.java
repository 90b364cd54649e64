package dev.tapeless.samples.jacobian;

import dev.tapeless.Differentiable;
import dev.tapeless.Out;

/** Jacobians of vector-valued functions. */
public final class JacobianExample {
  private JacobianExample() {}

  /** f(x) = [x1 + x2·x3, 2·x3]. */
  @Differentiable
  public static void f(double[] x, @Out double[] y) {
    y[0] = x[0] + x[1] * x[2];
    y[1] = 2 * x[2];
  }

  /** Stable softmax. */
  @Differentiable
  public static void softmax(double[] z, @Out double[] y) {
    double max = z[0];
    for (int i = 1; i < z.length; i++) {
      if (z[i] > max) {
        max = z[i];
      }
    }
    double sum = 0;
    for (int i = 0; i < z.length; i++) {
      y[i] = Math.exp(z[i] - max);
      sum += y[i];
    }
    for (int i = 0; i < z.length; i++) {
      y[i] = y[i] / sum;
    }
  }

  public static void main(String[] args) {
  }
}
