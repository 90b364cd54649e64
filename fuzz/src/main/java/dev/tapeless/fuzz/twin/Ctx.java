package dev.tapeless.fuzz.twin;

import org.hipparchus.analysis.differentiation.Gradient;

/**
 * What twin code needs besides Hipparchus: constants with the right number of free parameters,
 * the operations whose Java semantics Hipparchus does not share (double {@code %} is a truncated
 * remainder, casts truncate, max/min/abs pick an operand by value), and the margins.
 *
 * <p>A margin says how far a point is from a place where the program is not differentiable: a
 * comparison of active values about to flip, an abs or max at its kink, a floor at a jump, a
 * sqrt at 0, an asin at ±1. Each is relative: the distance divided by max(1, |values|). Only
 * operands that depend on the inputs at this point (a non-zero gradient) count: a tie between
 * constants cannot flip. The checker rejects a point whose smallest margin is below its
 * threshold and draws another.
 */
public final class Ctx {
  private final int n;
  private double minMargin = Double.POSITIVE_INFINITY;
  private String minWhat = "";

  /** A context for twins of functions of {@code freeParameters} inputs. */
  public Ctx(int freeParameters) {
    this.n = freeParameters;
  }

  public int freeParameters() {
    return n;
  }

  /** The smallest margin met so far (+∞ when none). */
  public double minMargin() {
    return minMargin;
  }

  /** Which operation had the smallest margin. */
  public String minWhat() {
    return minWhat;
  }

  /** A constant. */
  public Gradient k(double v) {
    return Gradient.constant(n, v);
  }

  /** The i-th input, with value v. */
  public Gradient variable(int i, double v) {
    return Gradient.variable(n, i, v);
  }

  public Gradient[] zeros(int length) {
    Gradient[] a = new Gradient[length];
    Gradient zero = k(0.0);
    java.util.Arrays.fill(a, zero);
    return a;
  }

  public Gradient[][] zeros(int rows, int columns) {
    Gradient[][] a = new Gradient[rows][];
    for (int i = 0; i < rows; i++) {
      a[i] = zeros(columns);
    }
    return a;
  }

  // ---------------------------------------------------------------- margins

  static boolean active(Gradient g) {
    for (double d : g.getGradient()) {
      if (d != 0.0) {
        return true;
      }
    }
    return false;
  }

  /** Records a margin already made relative. */
  void note(double margin, String what) {
    double m = Double.isNaN(margin) ? 0.0 : margin;
    if (m < minMargin) {
      minMargin = m;
      minWhat = what;
    }
  }

  private void distance(double distance, double scale, String what) {
    note(Math.abs(distance) / Math.max(1.0, Math.abs(scale)), what);
  }

  /**
   * A comparison (or max/min) of two values. Equal values with equal gradients are a
   * structural tie ({@code v <= v}): no perturbation separates them, so they count as far.
   */
  private void compared(Gradient a, Gradient b, String what) {
    if (a.getValue() == b.getValue()
        && java.util.Arrays.equals(a.getGradient(), b.getGradient())) {
      return;
    }
    if (active(a) || active(b)) {
      double x = a.getValue();
      double y = b.getValue();
      note(Math.abs(x - y) / Math.max(1.0, Math.max(Math.abs(x), Math.abs(y))), what);
    }
  }

  /** Distance from v to the nearest point where truncation to an integer jumps. */
  static double truncationDistance(double v) {
    double a = Math.abs(v);
    if (a < 1.0) {
      return 1.0 - a;
    }
    return Math.abs(a - Math.rint(a));
  }

  // ---------------------------------------------------------------- comparisons

  public boolean lt(Gradient a, Gradient b) {
    compared(a, b, "<");
    return a.getValue() < b.getValue();
  }

  public boolean le(Gradient a, Gradient b) {
    compared(a, b, "<=");
    return a.getValue() <= b.getValue();
  }

  public boolean gt(Gradient a, Gradient b) {
    compared(a, b, ">");
    return a.getValue() > b.getValue();
  }

  public boolean ge(Gradient a, Gradient b) {
    compared(a, b, ">=");
    return a.getValue() >= b.getValue();
  }

  public boolean eq(Gradient a, Gradient b) {
    compared(a, b, "==");
    return a.getValue() == b.getValue();
  }

  public boolean ne(Gradient a, Gradient b) {
    compared(a, b, "!=");
    return a.getValue() != b.getValue();
  }

  // ---------------------------------------------------------------- kinks and jumps

  public Gradient abs(Gradient x) {
    if (active(x)) {
      distance(x.getValue(), x.getValue(), "abs");
    }
    return x.getValue() < 0 ? x.negate() : x;
  }

  /** Math.max: the first operand on ties, as Tapeless documents. */
  public Gradient max(Gradient a, Gradient b) {
    compared(a, b, "max");
    return a.getValue() >= b.getValue() ? a : b;
  }

  public Gradient min(Gradient a, Gradient b) {
    compared(a, b, "min");
    return a.getValue() <= b.getValue() ? a : b;
  }

  public Gradient signum(Gradient x) {
    if (active(x)) {
      distance(x.getValue(), x.getValue(), "signum");
    }
    return k(Math.signum(x.getValue()));
  }

  public Gradient floor(Gradient x) {
    if (active(x)) {
      distance(x.getValue() - Math.rint(x.getValue()), x.getValue(), "floor");
    }
    return k(Math.floor(x.getValue()));
  }

  public Gradient ceil(Gradient x) {
    if (active(x)) {
      distance(x.getValue() - Math.rint(x.getValue()), x.getValue(), "ceil");
    }
    return k(Math.ceil(x.getValue()));
  }

  /** rint jumps half-way between integers. */
  public Gradient rint(Gradient x) {
    if (active(x)) {
      double v = x.getValue();
      distance(v - (Math.floor(v) + 0.5), v, "rint");
    }
    return k(Math.rint(x.getValue()));
  }

  /** {@code (int) x}: truncation, jumping at every non-zero integer. */
  public int toInt(Gradient x) {
    if (active(x)) {
      distance(truncationDistance(x.getValue()), x.getValue(), "(int)");
    }
    return (int) x.getValue();
  }

  public long toLong(Gradient x) {
    if (active(x)) {
      distance(truncationDistance(x.getValue()), x.getValue(), "(long)");
    }
    return (long) x.getValue();
  }

  /**
   * Java's {@code a % b} on doubles: {@code a - b * q} with {@code q = trunc(a / b)} taken on
   * values (Hipparchus' {@code remainder} is the IEEE one, which rounds q instead). The value
   * is Java's own, exact.
   */
  public Gradient rem(Gradient a, Gradient b) {
    double r = a.getValue() % b.getValue();
    double q = Math.rint((a.getValue() - r) / b.getValue());
    if (active(a) || active(b)) {
      double ratio = a.getValue() / b.getValue();
      distance(truncationDistance(ratio), 1.0, "%");
      distance(b.getValue(), 1.0, "% by ~0");
    }
    return a.subtract(b.multiply(q)).withValue(r);
  }

  // ---------------------------------------------------------------- singular points

  public Gradient sqrt(Gradient x) {
    if (active(x)) {
      distance(x.getValue(), x.getValue(), "sqrt");
    }
    return x.sqrt();
  }

  public Gradient cbrt(Gradient x) {
    if (active(x)) {
      distance(x.getValue(), x.getValue(), "cbrt");
    }
    return x.cbrt();
  }

  public Gradient asin(Gradient x) {
    if (active(x)) {
      distance(1.0 - Math.abs(x.getValue()), 1.0, "asin");
    }
    return x.asin();
  }

  public Gradient acos(Gradient x) {
    if (active(x)) {
      distance(1.0 - Math.abs(x.getValue()), 1.0, "acos");
    }
    return x.acos();
  }

  /**
   * pow with a constant exponent uses {@code x.pow(p)} (defined for negative bases with integer
   * exponents); with an active exponent the base is positive by construction.
   */
  public Gradient pow(Gradient base, Gradient exponent) {
    double p = exponent.getValue();
    if (!active(exponent)) {
      boolean smoothAtZero = p == Math.rint(p) && p >= 1.0;
      if (active(base) && !smoothAtZero) {
        distance(base.getValue(), base.getValue(), "pow base");
      }
      return base.pow(p);
    }
    if (active(base)) {
      distance(base.getValue(), base.getValue(), "pow base");
    }
    return base.pow(exponent);
  }

  public Gradient hypot(Gradient x, Gradient y) {
    if (active(x) || active(y)) {
      distance(Math.hypot(x.getValue(), y.getValue()), 1.0, "hypot");
    }
    return x.hypot(y);
  }

  /** atan2 is singular at the origin and jumps across the negative x axis. */
  public Gradient atan2(Gradient y, Gradient x) {
    if (active(x) || active(y)) {
      distance(Math.hypot(x.getValue(), y.getValue()), 1.0, "atan2");
      if (x.getValue() < 0) {
        distance(y.getValue(), x.getValue(), "atan2 cut");
      }
    }
    return y.atan2(x);
  }

  /** {@code Math.max(z, 0.0)} (relu). */
  public Gradient relu(Gradient z) {
    if (active(z)) {
      distance(z.getValue(), z.getValue(), "relu");
    }
    return z.getValue() >= 0.0 ? z : k(0.0);
  }
}
