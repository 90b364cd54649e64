package dev.tapeless.processor.forward;

import dev.tapeless.processor.analysis.Activity;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Var;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The tangent of each variable that has one: {@code x} gets {@code xDot} (ẋ), an array
 * {@code w} the array {@code wDot} of its shape. A variable has a tangent when it is varied and
 * useful; the others' tangents are zero and never written.
 */
final class TangentNames {
  private final Map<Var, Var> tangents = new IdentityHashMap<>();

  /** Whether forward mode gives {@code v} a tangent. */
  static boolean carries(Var v, Activity activity) {
    return v.type().carriesDerivative() && activity.isVaried(v) && activity.isUseful(v);
  }

  void put(Var v, Var tangent) {
    tangents.put(v, tangent);
  }

  boolean has(Var v) {
    return tangents.containsKey(v);
  }

  Var of(Var v) {
    Var tangent = tangents.get(v);
    if (tangent == null) {
      throw new IllegalStateException("no tangent for " + v);
    }
    return tangent;
  }

  /**
   * The tangent of an operand or argument, {@code xDot}, the element {@code wDot[i]} or the row
   * {@code WDot[i]}; null when it has none (its tangent is zero).
   */
  Expr of(Expr operand) {
    if (operand instanceof Expr.Ref r && has(r.var())) {
      return new Expr.Ref(of(r.var()));
    } else if (operand instanceof Expr.ArrayRead a && has(a.array())) {
      return new Expr.ArrayRead(of(a.array()), a.indices(), a.type());
    }
    return null;
  }
}
