package dev.tapeless.it.arrays;

import dev.tapeless.Differentiable;

/**
 * Array initializers: a vector of expressions, a 2x2 matrix, an index table, each element
 * differentiated like a store; an element written again later.
 */
public final class Initializers {
  private Initializers() {}

  @Differentiable
  public static double initialized(double x, double y, int n) {
    double[] a = {x, y * y, 2.0, x * y};
    double[][] m = {{x, 1}, {y, x + y}};
    int[] idx = {2, 0, n};
    double[] fl = new double[] {x, 0.5};
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * Math.sin(a[idx[i % 3] % 4]);
    }
    s += m[0][0] * m[1][1] - m[0][1] * m[1][0] + fl[0] * fl[1];
    a[1] = s * x;
    return s * a[1];
  }
}
