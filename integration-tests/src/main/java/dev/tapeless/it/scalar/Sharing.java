package dev.tapeless.it.scalar;

import dev.tapeless.Differentiable;

/**
 * Values used more than once, reassignment and compound assignment: every use adds to the
 * adjoint, and an overwritten value must still be known when the backward sweep needs it.
 */
public final class Sharing {
  private Sharing() {}

  /** dy/dx = e^(x²) + 2x²·e^(x²). */
  @Differentiable
  public static double xExpXSquared(double x) {
    return x * Math.exp(x * x);
  }

  @Differentiable
  public static double manyUses(double x) {
    return x * x * x + x * Math.sin(x) + x / (1 + x * x);
  }

  /**
   * r·(r − r) + 0.06·r, whose derivative is 0.06 exactly: {@code r - r} sends its adjoint to
   * {@code r} twice, once with each sign, and at a large r the two must cancel before they
   * reach r's adjoint, not in it (random tester seed 2603).
   */
  @Differentiable
  public static double cancellingUses(double r) {
    return r * (r - r) + 0.06 * r;
  }

  /** Two paths from x to the result, through a and through b. */
  @Differentiable
  public static double diamond(double x) {
    double a = Math.sin(x);
    double b = Math.cos(x);
    return a * b + a / (2 + b);
  }

  /** x⁴ + 1, by overwriting the parameter. */
  @Differentiable
  public static double reassignSquare(double x) {
    x = x * x;
    x = x * x;
    return x + 1;
  }

  @Differentiable
  public static double selfCompound(double x) {
    x += x;
    x *= x;
    return x;
  }

  @Differentiable
  public static double compound(double x, double y) {
    double s = x;
    s += y;
    s *= x;
    s -= y / 2;
    s /= 1 + y * y;
    return s;
  }

  @Differentiable
  public static double accumulator(double x, double y) {
    double t = 0;
    t += x * y;
    t += x * x;
    t += y;
    t *= 2;
    return t;
  }

  /** Both parameters overwritten, each from the other. */
  @Differentiable
  public static double compoundOnParams(double x, double y) {
    x *= y;
    y += x;
    x /= y + 10;
    return x * y;
  }

  @Differentiable
  public static double overwrittenTemporaries(double x, double y) {
    double t = x + y;
    double u = t * t;
    t = u - x;
    u = t * y;
    return t + u;
  }

  @Differentiable
  public static double sharedAcrossBranches(double x) {
    double t = x * x;
    double r = x > 0 ? t * x : t / (1 + t);
    return r + t;
  }

  @Differentiable
  public static double viaCalls(double x, double y) {
    return Calls.square(x + y) * x;
  }

  /** x and y are overwritten after the product that needs their old values. */
  @Differentiable
  public static double overwriteAfterUse(double x, double y) {
    double r = x * y;
    x = Math.sin(x);
    y = y * x;
    return r + x * y;
  }

  @Differentiable
  public static double compoundWithSelf(double x) {
    double s = x;
    s *= s + x;
    s -= s / 3;
    return s;
  }

  /** User names that a generator might also pick for its temporaries and adjoints. */
  @Differentiable
  public static double localsNamedLikeTemporaries(double x, double t1) {
    double xBar = x * t1;
    double result = xBar * x;
    double resultBar = result + t1;
    double t2 = resultBar * 2;
    return t2 + result;
  }
}
