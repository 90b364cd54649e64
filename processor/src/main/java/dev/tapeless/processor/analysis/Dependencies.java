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
    Dependencies d;
    if (s instanceof Stmt.Assign a) {
      d = of(a.target(), a.value());
    } else if (s instanceof Stmt.Store st) {
      d = of(st.array(), st.value());
    } else if (s instanceof Stmt.Effect e) {
      d = of(null, e.call());
    } else {
      return new Dependencies(List.of(), List.of(), false);
    }
    List<Var> opaque = opaqueWrites(s);
    if (opaque.isEmpty()) {
      return d;
    }
    List<Var> written = new ArrayList<>(d.written());
    opaque.stream().filter(v -> !written.contains(v)).forEach(written::add);
    return new Dependencies(written, d.differentiableReads(), d.call());
  }

  /**
   * The arrays a statement passes to methods without a derivative rule, anywhere in it: such a
   * method may write them, so they count as written (saved when the backward sweep needs them,
   * an error when they carry a derivative).
   */
  public static List<Var> opaqueWrites(Stmt s) {
    List<Var> out = new ArrayList<>();
    List<Expr> roots = new ArrayList<>();
    if (Statements.value(s) != null) {
      roots.add(Statements.value(s));
    }
    if (s instanceof Stmt.Store st) {
      roots.addAll(st.indices());
    }
    for (Expr root : roots) {
      collectOpaqueWrites(root, out);
    }
    return out;
  }

  private static void collectOpaqueWrites(Expr e, List<Var> out) {
    if (e instanceof Expr.Call c && c.callee() instanceof Callee.Opaque o) {
      for (int i = 0; i < c.args().size(); i++) {
        Expr arg = c.args().get(i);
        Var v = baseVar(arg);
        // an element is passed as a copy; a fenced helper writes only its @Out arrays
        if (v != null && arg.type().isArray() && o.mayWrite(i) && !out.contains(v)) {
          out.add(v);
        }
      }
    }
    if (e instanceof Expr.ArrayRead r) {
      r.indices().forEach(i -> collectOpaqueWrites(i, out));
      return;
    }
    for (Expr part : Operands.of(e)) {
      if (part != e) {
        collectOpaqueWrites(part, out);
      }
    }
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
          reads.add(v); // what it held before the call may flow into what it holds after
        } else if (params.get(i).differentiated()) {
          reads.add(v);
        }
      }
      return new Dependencies(written, reads, true);
    }
    if (target != null && value.type().carriesDerivative()) {
      reads.addAll(differentiableOperands(value));
    }
    return new Dependencies(written, reads, false);
  }

  /**
   * As {@link #of}, except that the result of a call without a rule depends on its arguments
   * (and the arrays it is given count as read, not written): the edges that find a
   * differentiated value lost in such a call even when it reaches the result through another
   * one ({@code helper(helper(x))}, which {@link #of} sees as constant), for {@code CallChecks}
   * and {@code HelperInliner}. The gradient itself uses {@link #of}.
   */
  public static Dependencies throughCallsWithoutRule(Stmt s) {
    if (s instanceof Stmt.Assign a && a.value() instanceof Expr.Call call
        && call.callee() instanceof Callee.Opaque && a.target().type().carriesDerivative()) {
      return new Dependencies(List.of(a.target()), argumentReads(call), false);
    }
    if (s instanceof Stmt.Effect e && e.call().callee() instanceof Callee.Opaque o
        && !declaredOutputs(e.call(), o).isEmpty()) {
      // a void call writing arrays its method declares @Out (a helper's outputs): what they
      // hold afterwards depends on every argument, so a differentiated one lost there is found
      // (seed 2324: helper(t, bias * 2) with t read afterwards had a zero gradient and only
      // TL012). Only the declared outputs: making every array an unknown body may write
      // depend on every argument rejected calls (TL114) whose other arrays it never writes.
      return new Dependencies(declaredOutputs(e.call(), o), argumentReads(e.call()), false);
    }
    return of(s);
  }

  private static List<Var> declaredOutputs(Expr.Call call, Callee.Opaque o) {
    List<Var> out = new ArrayList<>();
    for (int i = 0; i < call.args().size() && i < o.outs().size(); i++) {
      Var v = baseVar(call.args().get(i));
      if (o.outs().get(i) && v != null && call.args().get(i).type().isArray()
          && !out.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }

  private static List<Var> argumentReads(Expr.Call call) {
    List<Var> reads = new ArrayList<>();
    for (Expr arg : call.args()) {
      Var v = baseVar(arg);
      if (v != null && v.type().carriesDerivative() && !reads.contains(v)) {
        reads.add(v);
      }
    }
    return reads;
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
