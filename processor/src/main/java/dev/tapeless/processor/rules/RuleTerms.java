package dev.tapeless.processor.rules;

import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A rule's term as IR, the same for both modes: reverse mode binds {@code $g} to the result's
 * adjoint, forward mode to an operand's tangent.
 */
public final class RuleTerms {
  private RuleTerms() {}

  /**
   * {@code template} bound to the values its placeholders name, in the order it names them;
   * only those it uses are asked for (a value bound for nothing may not be readable there).
   */
  public static Expr.Rule bound(String template, Function<String, Expr> bindings) {
    Map<String, Expr> bound = new LinkedHashMap<>();
    Template.forEachPlaceholder(template, name -> bound.computeIfAbsent(name, bindings));
    return new Expr.Rule(template, bound, Type.DOUBLE);
  }

  /**
   * A statement's partials by the operand they go to, in the order of first use. An operand
   * the statement reads twice ({@code r - r}, {@code x * x}) gets its partials together, so
   * that each mode sums them before they reach its adjoint or multiply its tangent: two adds
   * of a large {@code ±tBar} into {@code rBar} would round away what it held (random tester
   * seed 2603).
   */
  public static Map<Expr, List<Partial>> byOperand(List<Partial> partials, List<Expr> operands) {
    Map<Expr, List<Partial>> grouped = new LinkedHashMap<>();
    for (Partial p : partials) {
      grouped.computeIfAbsent(operands.get(p.operand()), k -> new ArrayList<>()).add(p);
    }
    return grouped;
  }

  /**
   * An operand as a template reads it, in double arithmetic: an {@code int} operand squared in
   * a template must not overflow.
   */
  public static Expr inDouble(Expr operand) {
    if (operand.type().isReal()) {
      return operand;
    }
    return operand instanceof Expr.Const c && c.literal().matches("\\d+")
        ? new Expr.Const(c.literal() + ".0", Type.DOUBLE) : new Expr.Cast(Type.DOUBLE, operand);
  }
}
