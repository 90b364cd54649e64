package dev.tapeless.it.arrays;

import dev.tapeless.Differentiable;

/**
 * Two inlined callees with a local array of one name and different types (random tester, seed
 * 2301): the frame's reusable buffers were one per name, so the generated code handed a
 * {@code double[][]} buffer to a {@code double[]} and did not compile.
 */
public final class SameNamedLocals {
  private SameNamedLocals() {}

  /** A matrix local named {@code t}. */
  @Differentiable
  public static double square(double a) {
    double[][] t = new double[3][3];
    t[0][1] = a * a;
    return t[0][1] + Math.sin(a);
  }

  /** A vector local named {@code t}, sized at run time. */
  @Differentiable
  public static double scaled(double b, int j) {
    double[] t = new double[j + 1];
    t[0] = b * 0.7;
    return t[0] * b;
  }

  /** Both callees inlined into one frame. */
  @Differentiable
  public static double both(double b, int j) {
    double v = scaled(b, j);
    return v + square(b);
  }
}
