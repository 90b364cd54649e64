package dev.tapeless.it.rules;

import dev.tapeless.Differentiable;

/**
 * One method per derivative rule, to be differentiated at the rule's edge points: every entry of
 * {@code MathRules}, every arithmetic operator, {@code int} operands, and values whose derivative
 * is singular but whose weight in the result is zero (NaN hygiene).
 *
 * <p>Parameters are named {@code x} (then {@code y}) so that the frame fields are {@code dx},
 * {@code dy}; {@code atan2} keeps Math's order {@code (y, x)}. {@code int} parameters are never
 * differentiated.
 */
public final class RuleEdges {
  private RuleEdges() {}

  // ---- Math, unary --------------------------------------------------------------------------

  @Differentiable
  public static double exp(double x) {
    return Math.exp(x);
  }

  @Differentiable
  public static double log(double x) {
    return Math.log(x);
  }

  @Differentiable
  public static double log10(double x) {
    return Math.log10(x);
  }

  @Differentiable
  public static double log1p(double x) {
    return Math.log1p(x);
  }

  @Differentiable
  public static double expm1(double x) {
    return Math.expm1(x);
  }

  @Differentiable
  public static double sqrt(double x) {
    return Math.sqrt(x);
  }

  @Differentiable
  public static double cbrt(double x) {
    return Math.cbrt(x);
  }

  @Differentiable
  public static double sin(double x) {
    return Math.sin(x);
  }

  @Differentiable
  public static double cos(double x) {
    return Math.cos(x);
  }

  @Differentiable
  public static double tan(double x) {
    return Math.tan(x);
  }

  @Differentiable
  public static double asin(double x) {
    return Math.asin(x);
  }

  @Differentiable
  public static double acos(double x) {
    return Math.acos(x);
  }

  @Differentiable
  public static double atan(double x) {
    return Math.atan(x);
  }

  @Differentiable
  public static double sinh(double x) {
    return Math.sinh(x);
  }

  @Differentiable
  public static double cosh(double x) {
    return Math.cosh(x);
  }

  @Differentiable
  public static double tanh(double x) {
    return Math.tanh(x);
  }

  @Differentiable
  public static double abs(double x) {
    return Math.abs(x);
  }

  @Differentiable
  public static double toRadians(double x) {
    return Math.toRadians(x);
  }

  @Differentiable
  public static double toDegrees(double x) {
    return Math.toDegrees(x);
  }

  @Differentiable
  public static double signum(double x) {
    return Math.signum(x);
  }

  @Differentiable
  public static double floor(double x) {
    return Math.floor(x);
  }

  @Differentiable
  public static double ceil(double x) {
    return Math.ceil(x);
  }

  @Differentiable
  public static double rint(double x) {
    return Math.rint(x);
  }

  /** One StrictMath function, to show the rules are shared. */
  @Differentiable
  public static double strictSqrt(double x) {
    return StrictMath.sqrt(x);
  }

  // ---- Math, binary -------------------------------------------------------------------------

  @Differentiable
  public static double pow(double x, double y) {
    return Math.pow(x, y);
  }

  @Differentiable
  public static double hypot(double x, double y) {
    return Math.hypot(x, y);
  }

  @Differentiable
  public static double atan2(double y, double x) {
    return Math.atan2(y, x);
  }

  @Differentiable
  public static double max(double x, double y) {
    return Math.max(x, y);
  }

  @Differentiable
  public static double min(double x, double y) {
    return Math.min(x, y);
  }

  // ---- operators ----------------------------------------------------------------------------

  @Differentiable
  public static double add(double x, double y) {
    return x + y;
  }

  @Differentiable
  public static double sub(double x, double y) {
    return x - y;
  }

  @Differentiable
  public static double mul(double x, double y) {
    return x * y;
  }

  @Differentiable
  public static double div(double x, double y) {
    return x / y;
  }

  @Differentiable
  public static double rem(double x, double y) {
    return x % y;
  }

  @Differentiable
  public static double neg(double x) {
    return -x;
  }

  // ---- int operands (promoted to double in the rules: no overflow, no truncation) -----------

  @Differentiable
  public static double powInt(double x, int n) {
    return Math.pow(x, n);
  }

  @Differentiable
  public static double powLiteral3(double x) {
    return Math.pow(x, 3);
  }

  @Differentiable
  public static double powLiteral0(double x) {
    return Math.pow(x, 0);
  }

  /** The int is the first operand: the rule squares it. */
  @Differentiable
  public static double atan2Int(int k, double x) {
    return Math.atan2(k, x);
  }

  /** The int is the second operand: the rule squares it. */
  @Differentiable
  public static double atan2IntX(double y, int k) {
    return Math.atan2(y, k);
  }

  /** An int literal whose square overflows an int. */
  @Differentiable
  public static double atan2Literal(double y) {
    return Math.atan2(y, 65536);
  }

  @Differentiable
  public static double hypotInt(double x, int k) {
    return Math.hypot(x, k);
  }

  @Differentiable
  public static double divInt(double x, int k) {
    return x / k;
  }

  @Differentiable
  public static double intOver(int k, double y) {
    return k / y;
  }

  @Differentiable
  public static double mulInt(double x, int k) {
    return x * k;
  }

  @Differentiable
  public static double remInt(double x, int k) {
    return x % k;
  }

  @Differentiable
  public static double maxInt(double x, int k) {
    return Math.max(x, k);
  }

  @Differentiable
  public static double minInt(int k, double x) {
    return Math.min(k, x);
  }

  // ---- NaN hygiene: a singular value computed but dead --------------------------------------

  @Differentiable
  public static double deadSqrt(double x, double y) {
    double s = Math.sqrt(x);
    return y;
  }

  @Differentiable
  public static double deadLog(double x, double y) {
    double s = Math.log(x);
    return y;
  }

  @Differentiable
  public static double deadDiv(double x, double y) {
    double q = y / x;
    return y;
  }

  // ---- NaN hygiene: a singular value on the branch not taken (its adjoint is exactly 0) -----
  // Each is evaluated with y > 0, where the result is y and the singular value is unused.

  @Differentiable
  public static double unusedSqrt(double x, double y) {
    double s = Math.sqrt(x);
    if (y > 0) {
      return y;
    }
    return s;
  }

  @Differentiable
  public static double unusedCbrt(double x, double y) {
    double s = Math.cbrt(x);
    if (y > 0) {
      return y;
    }
    return s;
  }

  @Differentiable
  public static double unusedLog(double x, double y) {
    double s = Math.log(x);
    if (y > 0) {
      return y;
    }
    return s;
  }

  @Differentiable
  public static double unusedLog10(double x, double y) {
    double s = Math.log10(x);
    if (y > 0) {
      return y;
    }
    return s;
  }

  @Differentiable
  public static double unusedLog1p(double x, double y) {
    double s = Math.log1p(x);
    if (y > 0) {
      return y;
    }
    return s;
  }

  @Differentiable
  public static double unusedAsin(double x, double y) {
    double s = Math.asin(x);
    if (y > 0) {
      return y;
    }
    return s;
  }

  @Differentiable
  public static double unusedAcos(double x, double y) {
    double s = Math.acos(x);
    if (y > 0) {
      return y;
    }
    return s;
  }

  /** atan2(x, x): at x = 0 both partials are 0/0. */
  @Differentiable
  public static double unusedAtan2(double x, double y) {
    double s = Math.atan2(x, x);
    if (y > 0) {
      return y;
    }
    return s;
  }

  /** pow(x, y - 1): at x = 0, y = 1 the partial in x is 0 * 0^-1 and the one in y is 1 * log 0. */
  @Differentiable
  public static double unusedPow(double x, double y) {
    double s = Math.pow(x, y - 1);
    if (y > 0) {
      return y;
    }
    return s;
  }

  @Differentiable
  public static double unusedDiv(double x, double y) {
    double s = y / x;
    if (y > 0) {
      return y;
    }
    return s;
  }

  /** x % x: at x = 0 the remainder is NaN and so is its partial in the divisor. */
  @Differentiable
  public static double unusedRem(double x, double y) {
    double s = y % x;
    if (y > 0) {
      return y;
    }
    return s;
  }

  /** max picks y: the adjoint of sqrt(x) is exactly 0 (a selection, not a product). */
  @Differentiable
  public static double maxOverSqrt(double x, double y) {
    return Math.max(y, Math.sqrt(x));
  }

  // ---- NaN hygiene: a singular value with weight exactly 0 ----------------------------------
  // Not included: a zero weight on a primal that overflowed, e.g. 0 * Math.exp(x) at x = 1000:
  // the value itself is 0 * inf = NaN, and the README states that a zero adjoint times an
  // overflowed primal (exp's rule is $g * $r, unguarded) is still NaN. Nothing is promised.

  /** The adjoint of log(x) is 0 * 1 = 0: reverse mode promises d/dx = 0 (the value is NaN at 0). */
  @Differentiable
  public static double zeroTimesLog(double x) {
    return 0 * Math.log(x);
  }

  /** y + 0 * sqrt(x): the function is y, d/dx = 0 everywhere in x >= 0. */
  @Differentiable
  public static double zeroTimesSqrt(double x, double y) {
    return y + 0 * Math.sqrt(x);
  }

  /** sqrt(x) * y at y = 0: the adjoint of sqrt(x) is y = 0, and f(x, 0) = 0 for every x. */
  @Differentiable
  public static double sqrtTimes(double x, double y) {
    return Math.sqrt(x) * y;
  }

  /** sqrt(0 * x): identically 0; here the tangent of the inner value is 0, not the adjoint. */
  @Differentiable
  public static double sqrtOfZeroTimes(double x) {
    return Math.sqrt(0 * x);
  }
}
