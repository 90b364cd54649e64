package dev.tapeless.it.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every derivative rule at its edge points, in both modes.
 *
 * <p>Each rule is one line in {@code MathRules} or {@code RuleBook} and serves reverse mode
 * ({@code $g} the result's adjoint) and forward mode ({@code $g} the operand's tangent) alike;
 * the random-point corpus tests exercise the smooth interior, but rules break at the edges:
 * 0 and −0.0, ±1, ±∞, NaN, overflow, kinks, domain boundaries, {@code int} operands and
 * singular values whose weight is zero. Each row of {@link #ROWS} states, from the mathematics and
 * the documented conventions (README "What is supported so far", {@code MathRules}' Javadoc), the
 * value and the partial derivatives at one point, and is checked against {@code valueAndGradient},
 * against {@code jvp} along each unit direction (which must equal the reverse partial exactly) and,
 * where the point is smooth and finite, against a central finite difference.
 *
 * <p>Comparison: NaN equals NaN; {@code 0.0 == -0.0} (the sign of a zero result never matters);
 * infinities must match in sign; expected 0, ±∞ and NaN are matched exactly, other expected
 * values to 4 ulps (the table writes them as the mathematics does, {@code 2 / sqrt(3)}, not as the
 * rule computes them, {@code 1 / sqrt(1 - 0.25)}).
 *
 * <p>Rows marked {@link Row#known} are documented departures (docs/architecture.md, "Rules at
 * their edges"): {@code d} is still the mathematics, and the row also states what each mode
 * gives, exactly, with the reason; when a rule improves, the row fails until it is updated.
 */
class RuleEdgeTableTest {

  private static final double INF = Double.POSITIVE_INFINITY;
  private static final double NAN = Double.NaN;
  private static final double PI = Math.PI;
  private static final double E = Math.E;
  private static final double LN2 = Math.log(2);
  private static final double LN10 = Math.log(10);
  private static final double MIN = Double.MIN_VALUE;
  private static final double IMAX = Integer.MAX_VALUE;
  private static final double IMIN = Integer.MIN_VALUE;


  /**
   * One point of one function: {@code at} holds every argument ({@code int} ones as doubles),
   * {@code d} the partials in the order of the differentiated ({@code double}) parameters.
   */
  record Row(String fn, double[] at, double value, double[] d, boolean smooth,
      double[] reverse, double[] forward, String note) {
    /** A kink, jump, branch cut or domain edge: no finite-difference check. */
    Row edge() {
      return new Row(fn, at, value, d, false, reverse, forward, note);
    }

    /**
     * A documented departure from the mathematics ({@code d}): what reverse mode and
     * {@code jvp} give instead, asserted exactly so that a change is noticed, and why.
     */
    Row known(double[] reverse, double[] forward, String why) {
      return new Row(fn, at, value, d, smooth, reverse, forward, why);
    }

    /** A known departure where both modes give {@code both}. */
    Row known(double[] both, String why) {
      return known(both, both, why);
    }

    double[] expectedReverse() {
      return reverse == null ? d : reverse;
    }

    double[] expectedForward() {
      return forward == null ? d : forward;
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder(fn).append('(');
      for (int i = 0; i < at.length; i++) {
        s.append(i == 0 ? "" : ", ").append(at[i]);
      }
      s.append(") = ").append(value).append(", d = ").append(Arrays.toString(d));
      return note == null ? s.toString() : s.append(" [").append(note).append(']').toString();
    }
  }

  private static double[] v(double... values) {
    return values;
  }

  /** A function of one double. */
  private static Row u(String fn, double x, double value, double dx) {
    return new Row(fn, new double[] {x}, value, new double[] {dx}, true, null, null, null);
  }

  /** A function of two doubles, partials in parameter order. */
  private static Row b(String fn, double x, double y, double value, double dx, double dy) {
    return new Row(fn, new double[] {x, y}, value, new double[] {dx, dy}, true, null, null,
        null);
  }

  /** A function of a double and an int (either order): one partial, for the double. */
  private static Row m(String fn, double a, double b, double value, double d) {
    return new Row(fn, new double[] {a, b}, value, new double[] {d}, true, null, null, null);
  }

  static final List<Row> ROWS = List.of(
      // exp: $g * $r
      u("exp", 0, 1, 1),
      u("exp", -0.0, 1, 1),
      u("exp", 1, E, E),
      u("exp", -1, 1 / E, 1 / E),
      u("exp", 709, Math.exp(709), Math.exp(709)),
      u("exp", 710, INF, INF),
      u("exp", -746, 0, 0),
      u("exp", INF, INF, INF),
      u("exp", -INF, 0, 0),
      u("exp", NAN, NAN, NAN),

      // log: guarded $g / $0
      u("log", 1, 0, 1),
      u("log", E, 1, 1 / E),
      u("log", 1e300, 300 * LN10, 1e-300),
      u("log", MIN, Math.log(MIN), INF).edge(),
      u("log", 0, -INF, INF).edge(),
      u("log", -0.0, -INF, INF).edge(),
      u("log", -1, NAN, NAN).edge().known(v(-1),
          "outside the domain the value is NaN, but the rule 1 / x is finite there"),
      u("log", INF, INF, 0),
      u("log", NAN, NAN, NAN),

      // log10: guarded $g / ($0 * ln 10)
      u("log10", 1, 0, 1 / LN10),
      u("log10", 10, 1, 1 / (10 * LN10)),
      u("log10", 0, -INF, INF).edge(),
      u("log10", -0.0, -INF, INF).edge(),
      u("log10", -1, NAN, NAN).edge().known(v(-1 / LN10),
          "outside the domain the value is NaN, but the rule 1 / (x ln 10) is finite there"),
      u("log10", INF, INF, 0),
      u("log10", NAN, NAN, NAN),

      // log1p: guarded $g / (1 + $0)
      u("log1p", 0, 0, 1),
      u("log1p", -0.0, -0.0, 1),
      u("log1p", 1e-300, 1e-300, 1),
      u("log1p", E - 1, 1, 1 / E),
      u("log1p", -1, -INF, INF).edge(),
      u("log1p", -2, NAN, NAN).edge().known(v(-1),
          "outside the domain the value is NaN, but the rule 1 / (1 + x) is finite there"),
      u("log1p", INF, INF, 0),
      u("log1p", NAN, NAN, NAN),

      // expm1: $g * ($r + 1)
      u("expm1", 0, 0, 1),
      u("expm1", -0.0, -0.0, 1),
      u("expm1", 1, E - 1, E),
      u("expm1", 710, INF, INF),
      u("expm1", INF, INF, INF),
      u("expm1", -INF, -1, 0),
      u("expm1", NAN, NAN, NAN),
      u("expm1", -40, -1, Math.exp(-40)).known(v(0),
          "precision: expm1(-40) rounds to -1, so $r + 1 cancels to 0; exp(-40) = 4.2e-18"),

      // sqrt: guarded $g / (2 $r)
      u("sqrt", 4, 2, 0.25),
      u("sqrt", 1e300, 1e150, 5e-151),
      u("sqrt", MIN, Math.sqrt(MIN), 0.5 / Math.sqrt(MIN)).edge(),
      u("sqrt", 0, 0, INF).edge(),
      u("sqrt", -0.0, 0, INF).edge(),
      u("sqrt", -1, NAN, NAN),
      u("sqrt", INF, INF, 0),
      u("sqrt", NAN, NAN, NAN),
      u("strictSqrt", 4, 2, 0.25),
      u("strictSqrt", 0, 0, INF).edge(),

      // cbrt: guarded $g / (3 $r $r)
      u("cbrt", 8, 2, 1.0 / 12),
      u("cbrt", -8, -2, 1.0 / 12),
      u("cbrt", 1e-300, Math.cbrt(1e-300), 1 / (3 * Math.cbrt(1e-300) * Math.cbrt(1e-300))),
      u("cbrt", 0, 0, INF).edge(),
      u("cbrt", -0.0, -0.0, INF).edge(),
      u("cbrt", INF, INF, 0),
      u("cbrt", -INF, -INF, 0),
      u("cbrt", NAN, NAN, NAN),

      // sin: $g * cos($0)
      u("sin", 0, 0, 1),
      u("sin", -0.0, -0.0, 1),
      u("sin", PI, Math.sin(PI), -1),
      u("sin", 1e300, Math.sin(1e300), Math.cos(1e300)),
      u("sin", INF, NAN, NAN),
      u("sin", -INF, NAN, NAN),
      u("sin", NAN, NAN, NAN),

      // cos: -$g * sin($0)
      u("cos", 0, 1, 0),
      u("cos", -0.0, 1, 0),
      u("cos", PI, -1, -Math.sin(PI)),
      u("cos", 1e300, Math.cos(1e300), -Math.sin(1e300)),
      u("cos", INF, NAN, NAN),
      u("cos", NAN, NAN, NAN),

      // tan: $g * (1 + $r^2)
      u("tan", 0, 0, 1),
      u("tan", -0.0, -0.0, 1),
      u("tan", PI / 4, 1, 2),
      u("tan", PI / 2, Math.tan(PI / 2), 1 / (Math.cos(PI / 2) * Math.cos(PI / 2))).edge(),
      u("tan", INF, NAN, NAN),
      u("tan", NAN, NAN, NAN),

      // asin: guarded $g / sqrt(1 - $0^2)
      u("asin", 0, 0, 1),
      u("asin", -0.0, -0.0, 1),
      u("asin", 0.5, PI / 6, 2 / Math.sqrt(3)),
      u("asin", -0.5, -PI / 6, 2 / Math.sqrt(3)),
      u("asin", Math.nextDown(1.0), Math.asin(Math.nextDown(1.0)), 0x1p26).edge(),
      u("asin", 1, PI / 2, INF).edge(),
      u("asin", -1, -PI / 2, INF).edge(),
      u("asin", 1.5, NAN, NAN),
      u("asin", INF, NAN, NAN),
      u("asin", NAN, NAN, NAN),

      // acos: guarded -$g / sqrt(1 - $0^2)
      u("acos", 0, PI / 2, -1),
      u("acos", 0.5, PI / 3, -2 / Math.sqrt(3)),
      u("acos", 1, 0, -INF).edge(),
      u("acos", -1, PI, -INF).edge(),
      u("acos", 2, NAN, NAN),
      u("acos", NAN, NAN, NAN),

      // atan: $g / (1 + $0^2)
      u("atan", 0, 0, 1),
      u("atan", -0.0, -0.0, 1),
      u("atan", 1, PI / 4, 0.5),
      u("atan", -1, -PI / 4, 0.5),
      u("atan", 1e200, PI / 2, 0),
      u("atan", INF, PI / 2, 0),
      u("atan", -INF, -PI / 2, 0),
      u("atan", NAN, NAN, NAN),

      // sinh: $g * cosh($0)
      u("sinh", 0, 0, 1),
      u("sinh", -0.0, -0.0, 1),
      u("sinh", 1, Math.sinh(1), Math.cosh(1)),
      u("sinh", 710, Math.sinh(710), Math.cosh(710)),
      u("sinh", 711, INF, INF),
      u("sinh", INF, INF, INF),
      u("sinh", -INF, -INF, INF),
      u("sinh", NAN, NAN, NAN),

      // cosh: $g * sinh($0)
      u("cosh", 0, 1, 0),
      u("cosh", 1, Math.cosh(1), Math.sinh(1)),
      u("cosh", -1, Math.cosh(1), -Math.sinh(1)),
      u("cosh", INF, INF, INF),
      u("cosh", -INF, INF, -INF),
      u("cosh", NAN, NAN, NAN),

      // tanh: $g * (1 - $r^2)
      u("tanh", 0, 0, 1),
      u("tanh", -0.0, -0.0, 1),
      u("tanh", 1, Math.tanh(1), 1 / (Math.cosh(1) * Math.cosh(1))),
      u("tanh", INF, 1, 0),
      u("tanh", -INF, -1, 0),
      u("tanh", NAN, NAN, NAN),
      u("tanh", 20, 1, 1 / (Math.cosh(20) * Math.cosh(20))).known(v(0),
          "precision: tanh(20) rounds to 1, so 1 - r^2 cancels to 0; sech^2(20) = 1.7e-17"),

      // abs: $g * signum($0); abs'(0) = 0
      u("abs", 2, 2, 1),
      u("abs", -2, 2, -1),
      u("abs", 0, 0, 0).edge(),
      u("abs", -0.0, 0, 0).edge(),
      u("abs", MIN, MIN, 1).edge(),
      u("abs", -MIN, MIN, -1).edge(),
      u("abs", INF, INF, 1),
      u("abs", -INF, INF, -1),
      u("abs", NAN, NAN, NAN),

      // toRadians, toDegrees: linear, the coefficient everywhere
      u("toRadians", 0, 0, PI / 180),
      u("toRadians", 180, PI, PI / 180),
      u("toRadians", -INF, -INF, PI / 180),
      u("toRadians", NAN, NAN, PI / 180),
      u("toDegrees", 0, 0, 180 / PI),
      u("toDegrees", PI, 180, 180 / PI),
      u("toDegrees", INF, INF, 180 / PI),
      u("toDegrees", NAN, NAN, 180 / PI),

      // signum, floor, ceil, rint: derivative 0 everywhere, jumps and NaN included
      u("signum", 2, 1, 0),
      u("signum", -2, -1, 0),
      u("signum", 0, 0, 0).edge(),
      u("signum", -0.0, -0.0, 0).edge(),
      u("signum", INF, 1, 0),
      u("signum", NAN, NAN, 0),
      u("floor", 2.5, 2, 0),
      u("floor", -2.5, -3, 0),
      u("floor", 2, 2, 0).edge(),
      u("floor", -0.0, -0.0, 0).edge(),
      u("floor", INF, INF, 0),
      u("floor", NAN, NAN, 0),
      u("ceil", 2.5, 3, 0),
      u("ceil", -2.5, -2, 0),
      u("ceil", 2, 2, 0).edge(),
      u("ceil", -0.5, -0.0, 0),
      u("ceil", -INF, -INF, 0),
      u("ceil", NAN, NAN, 0),
      u("rint", 2.25, 2, 0),
      u("rint", 2.5, 2, 0).edge(),
      u("rint", 3.5, 4, 0).edge(),
      u("rint", -0.5, -0.0, 0).edge(),
      u("rint", 1e300, 1e300, 0),
      u("rint", NAN, NAN, 0),

      // pow(x, y): guarded (y == 0 ? 0 : $g y x^(y-1)), (x == 0 ? 0 : $g r log x)
      b("pow", 2, 3, 8, 12, 8 * LN2),
      b("pow", 2, 0.5, Math.sqrt(2), 0.5 / Math.sqrt(2), Math.sqrt(2) * LN2),
      b("pow", 1, 5, 1, 5, 0),
      b("pow", 2, 0, 1, 0, LN2),
      b("pow", -2, 3, -8, 12, NAN),
      b("pow", -2, 2, 4, -4, NAN),
      b("pow", -2, -1, -0.5, -0.25, NAN),
      b("pow", -2, 0, 1, 0, NAN),
      b("pow", -8, 1.0 / 3, NAN, NAN, NAN),
      b("pow", 0, 0, 1, 0, 0).edge(),
      b("pow", -0.0, 0, 1, 0, 0).edge(),
      b("pow", 0, 1, 0, 1, 0).edge(),
      b("pow", 0, 2, 0, 0, 0).edge(),
      b("pow", -0.0, 3, -0.0, 0, 0).edge(),
      b("pow", 0, 0.5, 0, INF, 0).edge(),
      b("pow", -0.0, 0.5, 0, INF, 0).edge(),
      b("pow", 0, -1, INF, -INF, 0).edge(),
      b("pow", -0.0, -1, -INF, -INF, 0).edge(),
      b("pow", 0, -0.5, INF, -INF, 0).edge(),
      b("pow", 1e300, 2, INF, 2e300, INF),
      b("pow", 2, INF, INF, INF, INF),
      b("pow", 1, INF, NAN, NAN, NAN),
      b("pow", NAN, 0, 1, 0, NAN),
      b("pow", NAN, 1, NAN, 1, NAN),
      b("pow", 2, -INF, 0, 0, 0).known(v(NAN, 0),
          "limit at infinity: y x^(y-1) -> 0, but the rule computes -inf * 0 = NaN"),

      // hypot: ($r == 0 ? 0 : $g $0 / $r), ($r == 0 ? 0 : $g $1 / $r)
      b("hypot", 3, 4, 5, 0.6, 0.8),
      b("hypot", -3, 4, 5, -0.6, 0.8),
      b("hypot", 0, 2, 2, 0, 1),
      b("hypot", 0, 0, 0, 0, 0).edge(),
      b("hypot", -0.0, 0, 0, 0, 0).edge(),
      b("hypot", 1e200, 1e200, Math.sqrt(2) * 1e200, 1 / Math.sqrt(2), 1 / Math.sqrt(2)),
      b("hypot", 1e-200, 1e-200, Math.sqrt(2) * 1e-200, 1 / Math.sqrt(2), 1 / Math.sqrt(2)),
      b("hypot", NAN, 0, NAN, NAN, NAN),
      b("hypot", INF, 1, INF, 1, 0).known(v(NAN, 0),
          "infinite operand: dx = inf / inf = NaN where the limit is 1"),
      b("hypot", 1, INF, INF, 0, 1).known(v(0, NAN),
          "infinite operand: dy = inf / inf = NaN where the limit is 1"),

      // atan2(y, x): guarded $g x / (x^2 + y^2), -$g y / (x^2 + y^2); partials (dy, dx)
      b("atan2", 0, 1, 0, 1, 0),
      b("atan2", 1, 0, PI / 2, 0, -1),
      b("atan2", 1, 1, PI / 4, 0.5, -0.5),
      b("atan2", -1, -1, -3 * PI / 4, -0.5, 0.5),
      b("atan2", 0, -1, PI, -1, 0).edge(),
      b("atan2", -0.0, -1, -PI, -1, 0).edge(),
      b("atan2", 0, 0, 0, NAN, NAN).edge(),
      b("atan2", -0.0, -0.0, -PI, NAN, NAN).edge(),
      b("atan2", NAN, 1, NAN, NAN, NAN),
      b("atan2", 1e-200, 1e-200, PI / 4, 0.5 / 1e-200, -0.5 / 1e-200).known(v(INF, -INF),
          "finite inputs, finite partials (5e199), but x*x + y*y underflows to 0"),
      b("atan2", 1e200, 1e200, PI / 4, 0.5 / 1e200, -0.5 / 1e200).known(v(0, 0),
          "finite inputs, partials 5e-201, but x*x + y*y overflows"),
      b("atan2", 1, INF, 0, 0, 0).known(v(NAN, 0),
          "limit at infinity: x / (x^2 + y^2) -> 0, but the rule computes inf / inf = NaN"),

      // max, min: the first operand takes the adjoint on ties
      b("max", 2, 1, 2, 1, 0),
      b("max", 1, 2, 2, 0, 1),
      b("max", 1, 1, 1, 1, 0).edge(),
      b("max", 0, -0.0, 0, 1, 0).edge(),
      b("max", -0.0, 0, 0, 1, 0).edge(),
      b("max", INF, INF, INF, 1, 0),
      b("max", -INF, 1, 1, 0, 1),
      b("max", 1, NAN, NAN, 0, 1),
      b("max", NAN, 1, NAN, 1, 0).known(v(0, 1),
          "no convention for NaN: the result is x's NaN, yet NaN >= 1 is false and the"
              + " derivative goes to y"),
      b("min", 1, 2, 1, 1, 0),
      b("min", 2, 1, 1, 0, 1),
      b("min", 1, 1, 1, 1, 0).edge(),
      b("min", 0, -0.0, -0.0, 1, 0).edge(),
      b("min", -INF, -INF, -INF, 1, 0),
      b("min", INF, 1, 1, 0, 1),

      // + - * / % and unary minus (RuleBook)
      b("add", 1, 2, 3, 1, 1),
      b("add", 0, -0.0, 0, 1, 1),
      b("add", Double.MAX_VALUE, Double.MAX_VALUE, INF, 1, 1),
      b("add", INF, 1, INF, 1, 1),
      b("sub", 1, 2, -1, 1, -1),
      b("sub", 0, -0.0, 0, 1, -1),
      b("sub", -INF, 1, -INF, 1, -1),
      b("mul", 2, 3, 6, 3, 2),
      b("mul", 0, 0, 0, 0, 0),
      b("mul", -0.0, 5, -0.0, 5, -0.0),
      b("mul", 1e200, 1e200, INF, 1e200, 1e200),
      b("mul", INF, 2, INF, 2, INF).known(v(2, INF), v(NAN, INF),
          "infinite primal: jvp(1, 0) = 1 * 2 + 0 * inf = NaN (MUL is unguarded to keep hot"
              + " loops branch-free; reverse has the same 0 * inf for a zero adjoint)"),
      b("mul", NAN, 1, NAN, 1, NAN).known(v(1, NAN), v(NAN, NAN),
          "NaN primal: jvp(1, 0) = 1 * 1 + 0 * NaN = NaN"),
      b("div", 1, 2, 0.5, 0.5, -0.25),
      b("div", 0, 2, 0, 0.5, 0),
      b("div", 1, 0, INF, INF, -INF).edge(),
      b("div", 1, -0.0, -INF, -INF, -INF).edge(),
      b("div", 0, 0, NAN, INF, NAN).edge(),
      b("div", INF, 2, INF, 0.5, -INF),
      b("div", 1, INF, 0, 0, 0),
      b("div", 1e-200, 1e200, 0, 1e-200, 0),
      b("rem", 7, 3, 1, 1, -2),
      b("rem", -7, 3, -1, 1, 2),
      b("rem", 7, -3, 1, 1, 2),
      b("rem", 5.5, 2, 1.5, 1, -2),
      b("rem", 6, 3, 0, 1, -2).edge(),
      b("rem", 1, INF, 1, 1, 0),
      b("rem", 1, 0, NAN, NAN, NAN).edge().known(v(1, NAN),
          "x % 0 is NaN for every x, but the rule's x partial is 1 (y's is NaN)"),
      u("neg", 1, -1, -1),
      u("neg", 0, -0.0, -1),
      u("neg", -INF, INF, -1),
      u("neg", NAN, NAN, -1),

      // int operands: promoted to double in the rules, no overflow, no truncation
      m("powInt", -2, 3, -8, 12),
      m("powInt", -2, -1, -0.5, -0.25),
      m("powInt", 0, 0, 1, 0).edge(),
      m("powInt", 0, 1, 0, 1).edge(),
      m("powInt", 0, -1, INF, -INF).edge(),
      m("powInt", -0.0, -1, -INF, -INF).edge(),
      m("powInt", -1, IMAX, -1, IMAX),
      m("powInt", -1, IMIN, 1, -IMIN),
      m("powInt", 1, IMIN, 1, IMIN),
      m("powInt", NAN, 0, 1, 0),
      u("powLiteral3", -2, -8, 12),
      u("powLiteral3", 0, 0, 0),
      u("powLiteral3", INF, INF, INF),
      u("powLiteral3", -INF, -INF, INF),
      u("powLiteral0", 0, 1, 0).edge(),
      u("powLiteral0", -2, 1, 0),
      u("powLiteral0", INF, 1, 0),
      u("powLiteral0", NAN, 1, 0),
      m("atan2Int", 1, 1, PI / 4, -0.5),
      m("atan2Int", 65536, 0, PI / 2, -1.0 / 65536),
      m("atan2Int", 46341, 0, PI / 2, -1.0 / 46341),
      m("atan2Int", IMIN, 0, -PI / 2, 0x1p-31),
      m("atan2Int", 0, 0, 0, NAN).edge(),
      m("atan2IntX", 1, 1, PI / 4, 0.5),
      m("atan2IntX", 0, 65536, 0, 1.0 / 65536),
      m("atan2IntX", 0, -65536, PI, -1.0 / 65536).edge(),
      m("atan2IntX", 0, IMIN, PI, -0x1p-31).edge(),
      m("atan2IntX", 0, 0, 0, NAN).edge(),
      u("atan2Literal", 0, 0, 1.0 / 65536),
      u("atan2Literal", 65536, PI / 4, 1.0 / 131072),
      m("hypotInt", 3, 4, 5, 0.6),
      m("hypotInt", 0, 0, 0, 0).edge(),
      m("hypotInt", 0, 65536, 65536, 0),
      m("hypotInt", 1, IMIN, -IMIN, 0x1p-31),
      m("divInt", 1, 2, 0.5, 0.5),
      m("divInt", 7, 3, 7.0 / 3, 1.0 / 3),
      m("divInt", 1, IMIN, 0x1p-31 * -1, -0x1p-31),
      m("divInt", 1, 0, INF, INF).edge(),
      m("intOver", 1, 2, 0.5, -0.25),
      m("intOver", IMAX, 1, IMAX, -IMAX),
      m("intOver", 1, 0, INF, -INF).edge(),
      m("intOver", 0, 0, NAN, NAN).edge(),
      m("mulInt", 2, 3, 6, 3),
      m("mulInt", 1, IMAX, IMAX, IMAX),
      m("mulInt", INF, 0, NAN, 0),
      m("remInt", 7, 3, 1, 1),
      m("remInt", -7, 3, -1, 1),
      m("remInt", 1, 0, NAN, NAN).edge().known(v(1),
          "x % 0 is NaN for every x, but the rule's x partial is 1 (as rem(1, 0))"),
      m("maxInt", 3, 2, 3, 1),
      m("maxInt", 1, 2, 2, 0),
      m("maxInt", 2, 2, 2, 1).edge(),
      m("maxInt", IMAX, IMAX, IMAX, 1).edge(),
      m("minInt", 1, 2, 1, 0),
      m("minInt", 3, 2, 2, 1),
      m("minInt", 2, 2, 2, 0).edge(),

      // NaN hygiene, dead values: f = y
      b("deadSqrt", 0, 1, 1, 0, 1).edge(),
      b("deadLog", 0, 1, 1, 0, 1).edge(),
      b("deadDiv", 0, 1, 1, 0, 1).edge(),

      // NaN hygiene, the singular value on the branch not taken: f = y for y > 0
      b("unusedSqrt", 0, 1, 1, 0, 1).edge(),
      b("unusedSqrt", -1, 1, 1, 0, 1).edge(),
      b("unusedCbrt", 0, 1, 1, 0, 1).edge(),
      b("unusedLog", 0, 1, 1, 0, 1).edge(),
      b("unusedLog", -1, 1, 1, 0, 1).edge(),
      b("unusedLog10", 0, 1, 1, 0, 1).edge(),
      b("unusedLog1p", -1, 1, 1, 0, 1).edge(),
      b("unusedAsin", 1, 1, 1, 0, 1).edge(),
      b("unusedAsin", 2, 1, 1, 0, 1).edge(),
      b("unusedAcos", -1, 1, 1, 0, 1).edge(),
      b("unusedAtan2", 0, 1, 1, 0, 1).edge(),
      b("unusedPow", 0, 0.5, 0.5, 0, 1).edge(),
      b("unusedPow", -1, 0.5, 0.5, 0, 1).edge(),
      b("unusedDiv", 0, 1, 1, 0, 1).edge(),
      b("unusedRem", 0, 1, 1, 0, 1).edge(),
      b("maxOverSqrt", 0, 1, 1, 0, 1).edge(),
      b("maxOverSqrt", 1, 1, 1, 0, 1).edge(),
      b("maxOverSqrt", 4, 1, 2, 0.25, 0),

      // NaN hygiene, weight exactly 0 (see RuleEdges for the overflow case left out)
      u("zeroTimesLog", 1, 0, 0),
      u("zeroTimesLog", -1, NAN, 0).edge(),
      u("zeroTimesLog", 0, NAN, 0).edge().known(v(0), v(NAN),
          "0 * inf inside the chain rule: reverse sends log a zero adjoint (guarded: 0); jvp"
              + " sends it tangent 1, giving inf, then 0 * inf = NaN"),
      b("zeroTimesSqrt", 4, 1, 1, 0, 1),
      b("zeroTimesSqrt", 0, 1, 1, 0, 1).edge().known(v(0, 1), v(NAN, 1),
          "0 * inf inside the chain rule: reverse sends sqrt a zero adjoint (guarded: 0); jvp"
              + " sends it tangent 1, giving inf, then 0 * inf = NaN"),
      b("sqrtTimes", 4, 3, 6, 0.75, 2),
      b("sqrtTimes", 0, 1, 0, INF, 0).edge(),
      b("sqrtTimes", 0, 0, 0, 0, 0).edge().known(v(0, 0), v(NAN, 0),
          "0 * inf inside the chain rule: reverse sends sqrt adjoint y = 0 (guarded: 0); jvp"
              + " sends it tangent 1, giving inf, then inf * y = NaN"),
      u("sqrtOfZeroTimes", 1, 0, 0).edge().known(v(NAN), v(0),
          "0 * inf inside the chain rule, the converse: jvp sends sqrt tangent 0 (guarded: 0);"
              + " reverse sends it adjoint 1, giving inf, then inf * 0 = NaN"));

  static Stream<Row> table() {
    return ROWS.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void ruleHoldsAtEdge(Row row) throws Exception {
    check(row);
  }

  /** Every method of RuleEdges has rows, so that a new rule method is not left untested. */
  @Test
  void everyFunctionHasRows() {
    for (Method m : RuleEdges.class.getDeclaredMethods()) {
      if (java.lang.reflect.Modifier.isPublic(m.getModifiers())) {
        assertTrue(ROWS.stream().anyMatch(r -> r.fn().equals(m.getName())),
            "no row for RuleEdges." + m.getName());
      }
    }
  }

  // ---- the check ----------------------------------------------------------------------------

  private static void check(Row row) throws Exception {
    Fn fn = Fn.of(row.fn());
    assertEquals(fn.partials.length, row.d().length, row + ": partials per differentiated param");
    List<String> failures = new ArrayList<>();
    double plain = fn.plain(row.at());
    expect(failures, "value", row.value(), plain);

    Object frame = fn.frame.getConstructor().newInstance();
    double value = (double) fn.valueAndGradient.invoke(frame, fn.arguments(row.at(), null));
    expect(failures, "valueAndGradient's value", row.value(), value);
    double[] reverse = new double[fn.partials.length];
    for (int k = 0; k < reverse.length; k++) {
      reverse[k] = fn.partials[k].getDouble(frame);
    }
    for (int k = 0; k < reverse.length; k++) {
      String name = fn.partials[k].getName();
      expect(failures, "reverse " + name, row.expectedReverse()[k], reverse[k]);
      double[] unit = new double[reverse.length];
      unit[k] = 1;
      Object forward = fn.frame.getConstructor().newInstance();
      double jvp = (double) fn.jvp.invoke(forward, fn.arguments(row.at(), unit));
      expect(failures, "jvp along " + name.substring(1), row.expectedForward()[k], jvp);
      if (same(row.expectedReverse()[k], row.expectedForward()[k]) && !same(reverse[k], jvp)) {
        failures.add("modes disagree on " + name + ": valueAndGradient gives " + reverse[k]
            + ", jvp gives " + jvp);
      }
      double jvpValue = forward.getClass().getField("value").getDouble(forward);
      if (!same(plain, jvpValue)) {
        failures.add("jvp's value " + jvpValue + " but the method gives " + plain);
      }
      if (smoothAt(row, k)) {
        double fd = fn.centralDifference(row.at(), fn.doubles[k]);
        double e = row.d()[k];
        if (!(Math.abs(fd - e) <= 1e-6 * Math.max(1, Math.abs(e)))) {
          failures.add("finite difference in " + name.substring(1) + " gives " + fd
              + ", expected " + e);
        }
      }
    }
    assertTrue(failures.isEmpty(), row + ":\n  " + String.join("\n  ", failures));
  }

  /** A finite-difference check makes sense only at smooth, finite, moderate points. */
  private static boolean smoothAt(Row row, int k) {
    if (!row.smooth() || !Double.isFinite(row.value()) || !Double.isFinite(row.d()[k])) {
      return false;
    }
    for (double a : row.at()) {
      if (!Double.isFinite(a) || Math.abs(a) > 1e6) {
        return false;
      }
    }
    return true;
  }

  private static void expect(List<String> failures, String what, double expected, double actual) {
    if (!close(expected, actual)) {
      failures.add(what + " is " + actual + ", expected " + expected);
    }
  }

  /** NaN is NaN, and 0.0 == -0.0. */
  private static boolean same(double a, double b) {
    return a == b || (Double.isNaN(a) && Double.isNaN(b));
  }

  /** Exactly for 0, the infinities and NaN (the conventions); to 4 ulps otherwise. */
  private static boolean close(double expected, double actual) {
    if (expected == 0 || !Double.isFinite(expected)) {
      return same(expected, actual);
    }
    return Math.abs(actual - expected) <= 4 * Math.ulp(expected);
  }

  /**
   * A RuleEdges method and its frame, found by name. Partials are the frame's {@code d<param>}
   * fields in parameter order: {@code dx, dy}, except for atan2 whose parameters are
   * {@code (y, x)}.
   */
  private static final class Fn {
    final Method method;
    final Class<?> frame;
    final Method valueAndGradient;
    final Method jvp;
    final Field[] partials;
    /** The positions of the double parameters, in order. */
    final int[] doubles;

    private Fn(Method method, Class<?> frame, Method valueAndGradient, Method jvp,
        Field[] partials, int[] doubles) {
      this.method = method;
      this.frame = frame;
      this.valueAndGradient = valueAndGradient;
      this.jvp = jvp;
      this.partials = partials;
      this.doubles = doubles;
    }

    static Fn of(String name) throws Exception {
      Method method = only(RuleEdges.class.getMethods(), name);
      Class<?> frame = Class.forName(RuleEdges.class.getName() + "_Grad$"
          + Character.toUpperCase(name.charAt(0)) + name.substring(1));
      Class<?>[] types = method.getParameterTypes();
      int[] doubles = java.util.stream.IntStream.range(0, types.length)
          .filter(i -> types[i] == double.class).toArray();
      List<Field> fields = new ArrayList<>();
      for (String field : name.startsWith("atan2") ? List.of("dy", "dx") : List.of("dx", "dy")) {
        try {
          fields.add(frame.getField(field));
        } catch (NoSuchFieldException absent) {
          // only the double parameters have one
        }
      }
      assertEquals(doubles.length, fields.size(), name + ": d<param> fields of " + frame);
      return new Fn(method, frame, only(frame.getMethods(), "valueAndGradient"),
          only(frame.getMethods(), "jvp"), fields.toArray(new Field[0]), doubles);
    }

    private static Method only(Method[] methods, String name) {
      Method found = null;
      for (Method m : methods) {
        if (m.getName().equals(name)) {
          assertTrue(found == null, "overloaded " + name);
          found = m;
        }
      }
      assertTrue(found != null, "no method " + name);
      return found;
    }

    /** The arguments as the method takes them, then the tangents if given. */
    Object[] arguments(double[] at, double[] tangents) {
      Class<?>[] types = method.getParameterTypes();
      Object[] args = new Object[types.length + (tangents == null ? 0 : tangents.length)];
      for (int i = 0; i < types.length; i++) {
        args[i] = types[i] == int.class ? (Object) (int) at[i] : (Object) at[i];
      }
      for (int k = 0; tangents != null && k < tangents.length; k++) {
        args[types.length + k] = tangents[k];
      }
      return args;
    }

    double plain(double[] at) throws Exception {
      return (double) method.invoke(null, arguments(at, null));
    }

    double centralDifference(double[] at, int position) throws Exception {
      double h = 1e-6 * (at[position] == 0 ? 1 : Math.abs(at[position]));
      double[] up = at.clone();
      double[] down = at.clone();
      up[position] += h;
      down[position] -= h;
      return (plain(up) - plain(down)) / (up[position] - down[position]);
    }
  }
}
