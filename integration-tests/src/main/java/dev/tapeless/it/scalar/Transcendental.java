package dev.tapeless.it.scalar;

import dev.tapeless.Differentiable;

/** {@code Math} and {@code StrictMath} functions, nested and combined. */
public final class Transcendental {
  private Transcendental() {}

  @Differentiable
  public static double softplus(double x) {
    return Math.log(Math.exp(x) + 1);
  }

  @Differentiable
  public static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Differentiable
  public static double nestedTrig(double x) {
    return Math.sin(Math.cos(Math.tan(x)));
  }

  @Differentiable
  public static double roots(double x, double y) {
    return Math.sqrt(x * x + 1) * Math.cbrt(y);
  }

  @Differentiable
  public static double powBothActive(double x, double y) {
    return Math.pow(x, y);
  }

  @Differentiable
  public static double powConstantExponent(double x) {
    return Math.pow(x, 3.5) + Math.pow(x, -0.5);
  }

  /** Integer exponents with a negative base: the exponent's log(x) term must not appear. */
  @Differentiable
  public static double powIntegerExponent(double x) {
    return Math.pow(x, 3) - Math.pow(x, 2.0);
  }

  @Differentiable
  public static double polarRadius(double x, double y) {
    return Math.hypot(x, y);
  }

  @Differentiable
  public static double polarAngle(double y, double x) {
    return Math.atan2(y, x);
  }

  @Differentiable
  public static double logarithms(double x) {
    return Math.log(x) + Math.log10(x) + Math.log1p(x);
  }

  @Differentiable
  public static double hyperbolic(double x, double y) {
    return Math.sinh(x) * Math.cosh(y) + Math.tanh(x * y);
  }

  @Differentiable
  public static double expm1(double x) {
    return Math.expm1(x) * Math.exp(-x);
  }

  @Differentiable
  public static double inverseTrig(double x) {
    return Math.asin(x) + Math.acos(x / 2) + Math.atan(3 * x);
  }

  @Differentiable
  public static double degrees(double x) {
    return Math.sin(Math.toRadians(x)) + Math.toDegrees(x / 100);
  }

  @Differentiable
  public static double strictMath(double x, double y) {
    return StrictMath.exp(x) * StrictMath.sin(y) + StrictMath.sqrt(x * x + y * y + 1);
  }

  /** floor, ceil, rint and signum are steps: they pass no derivative. */
  @Differentiable
  public static double rounding(double x) {
    return x * Math.floor(x) + Math.ceil(x) + Math.rint(x) * x + Math.signum(x);
  }

  @Differentiable
  public static double absMaxMin(double x, double y) {
    return Math.abs(x) * Math.max(x, y) - Math.min(x, 2 * y);
  }

  /** Reads the constant {@code Math.PI}. */
  @Differentiable
  public static double gaussian(double x, double mu, double sigma) {
    double z = (x - mu) / sigma;
    return Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI));
  }

  /** Smooth although it goes through max: the shift m cancels. */
  @Differentiable
  public static double logSumExp(double a, double b, double c) {
    double m = Math.max(Math.max(a, b), c);
    return m + Math.log(Math.exp(a - m) + Math.exp(b - m) + Math.exp(c - m));
  }
}
