package dev.tapeless.it.arrays;

import dev.tapeless.Differentiable;

/**
 * Constant tables: {@code static final} arrays read by element and length, here the weights
 * and nodes of a five-point Gauss–Legendre rule, integrating a function of the parameters.
 */
public final class ConstantTables {
  private ConstantTables() {}

  static final double[] NODES = {-0.9061798459386640, -0.5384693101056831, 0.0,
      0.5384693101056831, 0.9061798459386640};
  static final double[] WEIGHTS = {0.2369268850561891, 0.4786286704993665,
      0.5688888888888889, 0.4786286704993665, 0.2369268850561891};
  static final double[][] SCALE = {{1.0, 0.5}, {0.25, 2.0}};

  /** ∫₋₁¹ exp(a t) sin(b t + c) dt by Gauss–Legendre, scaled by a 2x2 table. */
  @Differentiable
  public static double integral(double a, double b, double[] c) {
    double s = 0;
    for (int k = 0; k < NODES.length; k++) {
      double t = NODES[k];
      s += WEIGHTS[k] * Math.exp(a * t) * Math.sin(b * t + c[k % c.length]);
    }
    return s * SCALE[0][1] + c[0] * SCALE[1][1] * ConstantTables.SCALE[1][0];
  }

  /** A caller, so that second order inlines a method that reads tables. */
  @Differentiable
  public static double squared(double a, double b, double[] c) {
    double v = integral(a, b, c);
    return v * v;
  }

  /** A callee whose second argument is a table element at the call sites below. */
  @Differentiable
  public static double weighted(double a, double u, double w) {
    return w * Math.exp(a * u) * u;
  }

  /**
   * Table elements passed straight to a differentiated callee's parameters: the callee's
   * adjoints for them are dropped, the table gets none.
   */
  @Differentiable
  public static double sumOfCalls(double a, double b) {
    double s = 0;
    for (int k = 0; k < NODES.length; k++) {
      s += weighted(a, NODES[k], WEIGHTS[k]) + weighted(b, SCALE[k % 2][1], NODES[k]);
    }
    return s;
  }
}
