package dev.tapeless.it.arrays;

import dev.tapeless.Differentiable;

/**
 * Local arrays of a few elements that the processor turns into one variable per element
 * (constant length, constant indices once their counted loops are unrolled), in the shapes that
 * make that rewrite delicate: elements read before they are written (zeros), {@code +=} into
 * elements, indices computed from the loop index, {@code length} bounds, an array made again in
 * every iteration, and an array that must stay one because it is indexed by a variable.
 */
public final class SmallArrays {
  private SmallArrays() {}

  /** Two stages per step, made again each step; the second element is read before it is set. */
  @Differentiable
  public static double stages(double[] y0, double h, int steps) {
    double[] y = y0.clone();
    for (int s = 0; s < steps; s++) {
      double[] k = new double[2];
      double[] stage = new double[2];
      k[0] = y[0] * y[1] - k[1];
      k[1] = Math.sin(y[0]) + k[0] * h;
      for (int i = 0; i < 2; i++) {
        stage[i] = y[i] + 0.5 * h * k[i];
      }
      for (int i = 0; i < 2; i++) {
        k[i] += stage[1 - i] * stage[i];
        y[i] = y[i] + h * k[i];
      }
    }
    return y[0] * y[0] + y[1];
  }

  /** An initializer, a loop bounded by the length, and an index counted from the end. */
  @Differentiable
  public static double mirrored(double x, double z) {
    double[] w = {x, 2 * x, x * z};
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += w[i] * w[w.length - 1 - i];
    }
    for (int i = w.length - 1; i >= 0; i--) {
      w[i] -= s * 0.1;
      s = s * 0.5 + w[i] * z;
    }
    return s + w[1];
  }

  /** A constant-length array also indexed by a variable: it stays an array, still right. */
  @Differentiable
  public static double indexedByVariable(double[] x, int pick) {
    double[] acc = new double[3];
    for (int i = 0; i < 3; i++) {
      acc[i] = x[i % x.length] * (i + 1);
    }
    acc[pick] += x[0] * x[0];
    return acc[0] * acc[1] + acc[2];
  }

  /**
   * An array that becomes scalars indexed by the length of one that stays an array (indexed by
   * a variable): the length is still a constant (random tester seed 2324, an internal error).
   */
  @Differentiable
  public static double lengthOfAnotherArray(double b, int k) {
    double[] t1 = new double[4];
    double[] t2 = new double[4];
    t2[k] = b * b;
    t1[t2.length - 1] = b * t2[k];
    return t1[3] + t1[0];
  }
}
