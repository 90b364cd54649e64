package dev.tapeless.processor.analysis;

import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Operands;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import dev.tapeless.processor.rules.Rule;
import dev.tapeless.processor.rules.RuleBook;
import java.util.ArrayList;
import java.util.List;

/**
 * What one statement writes, and which of its reads it has a nonzero derivative with respect to:
 * the edges of the computational graph that activity analysis follows. Arrays count as one
 * variable each.
 */
public record Dependencies(List<Var> written, List<Var> differentiableReads, boolean call) {

  /**
   * Whether reversing this statement's call needs an adjoint array for every differentiated
   * array argument, even one nothing flows through.
   */
  public static boolean needsAllAdjoints(Stmt s) {
    Expr value = s instanceof Stmt.Store ? null : Statements.value(s);
    return value instanceof Expr.Call c && !(c.callee() instanceof Callee.Custom custom
        && custom.skipsNullAdjoints());
  }

  public static Dependencies of(Stmt s) {
    if (s instanceof Stmt.Assign a) {
      return of(a.target(), a.value());
    } else if (s instanceof Stmt.Store st) {
      return of(st.array(), st.value());
    } else if (s instanceof Stmt.Effect e) {
      return of(null, e.call());
    }
    return new Dependencies(List.of(), List.of(), false);
  }

  private static Dependencies of(Var target, Expr value) {
    List<Var> written = new ArrayList<>();
    if (target != null) {
      written.add(target);
    }
    List<Var> reads = new ArrayList<>();
    if (value instanceof Expr.Call call && Callee.paramsOf(call.callee()) != null) {
      List<Callee.Param> params = Callee.paramsOf(call.callee());
      for (int i = 0; i < params.size(); i++) {
        Var v = baseVar(call.args().get(i));
        if (v == null || !v.type().carriesDerivative()) {
          continue;
        }
        if (params.get(i).out()) {
          written.add(v);
        } else if (params.get(i).differentiated()) {
          reads.add(v);
        }
      }
      return new Dependencies(written, reads, true);
    }
    if (value instanceof Expr.Call call && call.callee() instanceof Callee.Opaque o) {
      for (int i = 0; i < o.outs().size() && i < call.args().size(); i++) {
        Var v = baseVar(call.args().get(i));
        if (o.outs().get(i) && v != null) {
          written.add(v);
        }
      }
      return new Dependencies(written, reads, false);
    }
    if (target != null && value.type().carriesDerivative()) {
      reads.addAll(differentiableOperands(value));
    }
    return new Dependencies(written, reads, false);
  }

  /** The variable an argument refers to: itself, or the array an element or row belongs to. */
  public static Var baseVar(Expr e) {
    if (e instanceof Expr.Ref r) {
      return r.var();
    } else if (e instanceof Expr.ArrayRead a) {
      return a.array();
    }
    return null;
  }

  /** The operand variables a (non-call) value's rule has a partial for. */
  static List<Var> differentiableOperands(Expr value) {
    Rule rule = RuleBook.ruleFor(value);
    List<Expr> operands = Operands.of(value);
    List<Var> out = new ArrayList<>();
    for (var p : rule.partials()) {
      Var v = baseVar(operands.get(p.operand()));
      if (v != null && v.type().carriesDerivative()) {
        out.add(v);
      }
    }
    return out;
  }
}
