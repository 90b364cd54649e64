package dev.tapeless.processor.rules;

import java.util.List;
import java.util.Map;

/**
 * Derivative rules of {@code Math} and {@code StrictMath} functions, one line each.
 *
 * <p>Non-smooth points follow the usual AD conventions: abs has derivative 0 at 0; max and min
 * send the whole adjoint to the first argument on ties; signum, floor, ceil and rint have
 * derivative 0 everywhere (they are piecewise constant); sqrt at 0 gives an infinite derivative,
 * as the mathematics does; pow(0, y) contributes 0 to dy, and pow(x, 0) contributes 0 to dx.
 *
 * <p>NaN hygiene: rules whose partials can be infinite or NaN at finite operands are
 * {@link Rule#guarded}, so that a zero adjoint contributes exactly zero: an unused
 * {@code Math.sqrt(0)} or {@code Math.log(0)} leaves the gradient finite.
 *
 * <p>{@code + 0.0} turns {@code -0.0} into {@code +0.0} and changes nothing else: sqrt, log and
 * log10 at {@code -0.0} (the same point as 0) have the derivative +inf of 0, not -inf.
 */
public final class MathRules {
  private MathRules() {}

  private static final Map<String, Rule> RULES = Map.ofEntries(
      Map.entry("exp/1", Rule.of("$g * $r")),
      Map.entry("log/1", Rule.guarded("$g / ($0 + 0.0)")),
      Map.entry("log10/1", Rule.guarded("$g / (($0 + 0.0) * 2.302585092994046)")),
      Map.entry("log1p/1", Rule.guarded("$g / (1.0 + $0)")),
      Map.entry("expm1/1", Rule.of("$g * ($r + 1.0)")),
      Map.entry("sqrt/1", Rule.guarded("$g / (2.0 * $r + 0.0)")),
      Map.entry("cbrt/1", Rule.guarded("$g / (3.0 * $r * $r)")),
      // pow's x partial is 0 at y = 0, where pow(x, -1) may be infinite; second order keeps the
      // plain form, whose y-derivative there (1/x) the branch would lose
      Map.entry("pow/2", new Rule(List.of(
          Rule.guarded("($1 == 0.0 ? 0.0 : $g * $1 * Math.pow($0, $1 - 1.0))").partials().get(0)
              .withSmooth("$g * $1 * Math.pow($0, $1 - 1.0)"),
          Rule.guarded("($0 == 0.0 ? 0.0 : $g * $r * Math.log($0))").partials().get(0).at(1)))),
      Map.entry("hypot/2", Rule.guarded(
          "($r == 0.0 ? 0.0 : $g * $0 / $r)",
          "($r == 0.0 ? 0.0 : $g * $1 / $r)")),
      Map.entry("sin/1", Rule.of("$g * Math.cos($0)")),
      Map.entry("cos/1", Rule.of("-$g * Math.sin($0)")),
      Map.entry("tan/1", Rule.of("$g * (1.0 + $r * $r)")),
      Map.entry("asin/1", Rule.guarded("$g / Math.sqrt(1.0 - $0 * $0)")),
      Map.entry("acos/1", Rule.guarded("-$g / Math.sqrt(1.0 - $0 * $0)")),
      Map.entry("atan/1", Rule.of("$g / (1.0 + $0 * $0)")),
      Map.entry("atan2/2", Rule.guarded(
          "$g * $1 / ($0 * $0 + $1 * $1)",
          "-$g * $0 / ($0 * $0 + $1 * $1)")),
      Map.entry("sinh/1", Rule.of("$g * Math.cosh($0)")),
      Map.entry("cosh/1", Rule.of("$g * Math.sinh($0)")),
      Map.entry("tanh/1", Rule.of("$g * (1.0 - $r * $r)")),
      Map.entry("abs/1", Rule.of("$g * Math.signum($0)")),
      Map.entry("max/2", Rule.of("($0 >= $1 ? $g : 0.0)", "($0 >= $1 ? 0.0 : $g)")),
      Map.entry("min/2", Rule.of("($0 <= $1 ? $g : 0.0)", "($0 <= $1 ? 0.0 : $g)")),
      Map.entry("toRadians/1", Rule.of("$g * 0.017453292519943295")),
      Map.entry("toDegrees/1", Rule.of("$g * 57.29577951308232")),
      Map.entry("signum/1", Rule.ZERO),
      Map.entry("floor/1", Rule.ZERO),
      Map.entry("ceil/1", Rule.ZERO),
      Map.entry("rint/1", Rule.ZERO));

  /** Every rule's key, {@code name/arity}. */
  public static java.util.Set<String> keys() {
    return RULES.keySet();
  }

  /** Whether {@code name} with {@code arity} double arguments has a rule. */
  public static boolean has(String name, int arity) {
    return RULES.containsKey(name + "/" + arity);
  }

  public static Rule rule(String name, int arity) {
    Rule rule = RULES.get(name + "/" + arity);
    if (rule == null) {
      throw new IllegalArgumentException("no rule for Math." + name + "/" + arity);
    }
    return rule;
  }
}
