package dev.tapeless.it.scalar;

import dev.tapeless.Differentiable;

/** The four operations, remainder, unary minus and constants. */
public final class Arithmetic {
  private Arithmetic() {}

  /** The seed example: at (3, 2) the gradient is (3, 8). */
  @Differentiable
  public static double e(double a, double b) {
    return (a + b) * (b + 1);
  }

  @Differentiable
  public static double linear(double a, double b) {
    return 3 * a - 2 * b + 1;
  }

  @Differentiable
  public static double product(double a, double b, double c) {
    return a * b * c;
  }

  @Differentiable
  public static double quotient(double a, double b) {
    return a / b;
  }

  @Differentiable
  public static double horner(double x) {
    return ((2 * x - 3) * x + 1) * x - 5;
  }

  @Differentiable
  public static double negation(double a, double b) {
    return -(a - b) * -a + -b;
  }

  @Differentiable
  public static double ratioOfSums(double a, double b, double c) {
    return (a + b) / (b * c + 2);
  }

  /** Java's {@code %} truncates: d/db of {@code a % b} is {@code -(int) (a / b)}. */
  @Differentiable
  public static double remainder(double a, double b) {
    return a % b + a * b;
  }

  @Differentiable
  public static double reciprocal(double x) {
    return 1 / (1 + x * x);
  }

  @Differentiable
  public static double constants(double x) {
    return 0.5 * x + 1.0 / 3.0 - x / 4 + 2;
  }
}
