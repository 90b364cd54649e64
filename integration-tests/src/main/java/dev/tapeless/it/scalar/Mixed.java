package dev.tapeless.it.scalar;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;

/** int parameters and locals in double arithmetic, casts, and choosing what to differentiate. */
public final class Mixed {
  private Mixed() {}

  private static final double SCALE = 2.5;

  @Differentiable
  public static double intScale(double a, int n) {
    return a * (n + 1);
  }

  /** {@code n / 2} is integer division, {@code (double) n / 3} is not. */
  @Differentiable
  public static double intDivision(double a, int n) {
    return (double) n / 3 * a + n / 2 * a;
  }

  @Differentiable
  public static double intLocals(double a, double b, int n) {
    int m = n * 2 + 1;
    double s = a * m;
    int k = m - n;
    return s + b * k + m % 3;
  }

  @Differentiable
  public static double intCompound(double x, int n) {
    int k = n;
    k += 2;
    k *= 3;
    double s = x;
    s *= k;
    s -= n;
    return s * x;
  }

  @Differentiable
  public static double castToInt(double x, double y) {
    int k = (int) x;
    return x * k + y * (k + 1);
  }

  @Differentiable
  public static double intOverSmooth(double x, int n) {
    return (double) (n * n) / (1 + x * x);
  }

  @Differentiable
  public static double powIntExponent(double x, int n) {
    return Math.pow(x, n) + n * x;
  }

  /** Only a is differentiated: the frame has {@code da} and nothing else. */
  @Differentiable(wrt = {"a"})
  public static double weighted(double a, double b, double c) {
    return a * b + b * c + a * c;
  }

  @Differentiable(wrt = {"x", "z"})
  public static double wrtTwoOfThree(double x, double y, double z) {
    return x * y * z + Math.sin(y) * x;
  }

  @Differentiable
  public static double huber(double x, @NoDerivative double delta) {
    double ax = Math.abs(x);
    return ax <= delta ? 0.5 * x * x : delta * (ax - 0.5 * delta);
  }

  @Differentiable
  public static double noDerivativeMiddle(double a, @NoDerivative double scale, double b) {
    return scale * a * a + b / scale;
  }

  /** An int-valued ternary promoted to double: a constant, locally. */
  @Differentiable
  public static double intValuedTernary(double x) {
    double k = x > 0 ? 1 : -1;
    return k * x;
  }

  /** The int overloads of abs, max and min, which have no derivative to take. */
  @Differentiable
  public static double intMathOverloads(double x, int n) {
    return x * Math.abs(n - 3) + Math.max(n, 2) * x * x - Math.min(n, 1);
  }

  /** {@code k += x} on an int narrows: k is a constant for the derivative. */
  @Differentiable
  public static double intTargetCompound(double x, int n) {
    int k = n;
    k += x;
    return x * k;
  }

  @Differentiable
  public static double staticConstant(double x) {
    return SCALE * x * x;
  }
}
