package dev.tapeless.processor.rules;

import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Type;
import java.util.LinkedHashMap;
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
