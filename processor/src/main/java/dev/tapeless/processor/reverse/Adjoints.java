package dev.tapeless.processor.reverse;

import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Var;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The adjoint of each active variable: {@code x} gets the local {@code xBar} (x̄ in AD texts), an
 * array {@code w} the array {@code wBar} of the same shape.
 */
final class Adjoints {
  private final Map<Var, Var> vars = new IdentityHashMap<>();
  private final Map<Var, Var> primals = new IdentityHashMap<>();

  Adjoints(List<Var> active, NameTable table) {
    for (Var v : active) {
      Var adjoint = new Var(table.fresh(v.name() + "Bar"), v.type(), Var.Role.ADJOINT);
      vars.put(v, adjoint);
      primals.put(adjoint, v);
    }
  }

  /** The variable {@code v} is the adjoint of, or {@code v} itself when it is no adjoint. */
  Var base(Var v) {
    return primals.getOrDefault(v, v);
  }

  boolean has(Var v) {
    return vars.containsKey(v);
  }

  String of(Var v) {
    return var(v).name();
  }

  /** The adjoint of {@code v} as a variable of the backward sweep's IR. */
  Var var(Var v) {
    Var adjoint = vars.get(v);
    if (adjoint == null) {
      throw new IllegalStateException("no adjoint for inactive variable " + v);
    }
    return adjoint;
  }

  /** The adjoint of an operand as IR: {@code xBar}, or the element {@code wBar[i][j]}. */
  Expr ofOperand(Expr operand) {
    if (operand instanceof Expr.Ref r) {
      return new Expr.Ref(var(r.var()));
    }
    Expr.ArrayRead a = (Expr.ArrayRead) operand;
    Var adjoint = var(a.array());
    return new Expr.ArrayRead(adjoint, a.indices(), adjoint.type().indexed(a.indices().size()));
  }

  /**
   * Whether an operand has an adjoint to add to. Call arguments are variables, elements or
   * constants; a cast of an active variable would have its adjoint dropped here, so it is a
   * processor bug, not a zero derivative.
   */
  boolean hasFor(Expr operand) {
    if (operand instanceof Expr.Cast c && hasFor(c.operand())) {
      throw new IllegalStateException("call argument " + c + " casts an active value: its"
          + " adjoint would be lost; hold the value in a variable of the parameter's type");
    }
    return (operand instanceof Expr.Ref r && has(r.var()))
        || (operand instanceof Expr.ArrayRead a && has(a.array()));
  }
}
