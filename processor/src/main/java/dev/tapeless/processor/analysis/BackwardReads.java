package dev.tapeless.processor.analysis;

import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Operands;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import dev.tapeless.processor.rules.Partial;
import dev.tapeless.processor.rules.RuleBook;
import dev.tapeless.processor.rules.Template;
import java.util.ArrayList;
import java.util.List;

/**
 * What the backward sweep does for one statement, and so which primal values it reads. The
 * reverse mode asks the same questions, so analysis and code generation cannot disagree.
 */
public final class BackwardReads {
  private BackwardReads() {}

  /** The call a statement makes to a method with a derivative, or null. */
  public static Expr.Call derivativeCall(Stmt s) {
    Expr value = s instanceof Stmt.Store ? null : Statements.value(s);
    return value instanceof Expr.Call c && Callee.paramsOf(c.callee()) != null ? c : null;
  }

  /**
   * Whether a call's reversal runs its pullback: one of its outputs has an adjoint. It runs even
   * when no input varies, since the pullback is what knows which output elements the call
   * overwrote (their adjoints end there) and which it left alone.
   */
  public static boolean runsPullback(Stmt s, Activity activity) {
    return derivativeCall(s) != null
        && Dependencies.of(s).written().stream().anyMatch(activity::isActive);
  }

  /** The partials emitted for a non-call statement: those whose operand has an adjoint. */
  public static List<Partial> emittedPartials(Stmt s, Activity activity) {
    Var target = Statements.written(s);
    Expr value = Statements.value(s);
    if (target == null || derivativeCall(s) != null || !activity.isActive(target)
        || !value.type().isReal()) {
      return List.of();
    }
    List<Expr> operands = Operands.of(value);
    List<Partial> emitted = new ArrayList<>();
    for (Partial p : RuleBook.ruleFor(value).partials()) {
      Var v = Dependencies.baseVar(operands.get(p.operand()));
      if (v != null && activity.isActive(v)) {
        emitted.add(p);
      }
    }
    return emitted;
  }

  /** Variables whose values the reversal of {@code s} reads (lengths never change). */
  public static List<Var> of(Stmt s, Activity activity) {
    List<Var> reads = new ArrayList<>();
    if (s instanceof Stmt.Store st) {
      Operands.indexValueReadsOf(st.indices(), reads); // addressing the adjoint and the restore
    }
    if (runsPullback(s, activity)) {
      Expr.Call call = derivativeCall(s);
      boolean skipOutputs = call.callee() instanceof Callee.Custom c && !c.readsOutputs();
      List<Callee.Param> params = Callee.paramsOf(call.callee());
      for (int i = 0; i < call.args().size(); i++) {
        Expr arg = call.args().get(i);
        if (skipOutputs && params.get(i).out() && arg instanceof Expr.Ref) {
          continue; // passed for its shape alone: its contents need not be kept
        }
        Operands.valueReadsOf(arg, reads);
      }
      if (call.callee() instanceof Callee.Custom c && c.usesResult()) {
        reads.add(Statements.written(s));
      }
      return reads;
    }
    Expr value = Statements.value(s);
    if (value == null) {
      return reads;
    }
    List<Expr> operands = Operands.of(value);
    for (Partial p : emittedPartials(s, activity)) {
      if (operands.get(p.operand()) instanceof Expr.ArrayRead r) {
        Operands.indexValueReadsOf(r.indices(), reads);
      }
      Template.forEachPlaceholder(p.template(), name -> {
        if (name.equals("r")) {
          reads.add(Statements.written(s));
          if (s instanceof Stmt.Store st) {
            Operands.indexValueReadsOf(st.indices(), reads);
          }
        } else if (Character.isDigit(name.charAt(0))) {
          Operands.valueReadsOf(operands.get(Integer.parseInt(name)), reads);
        }
      });
    }
    return reads;
  }
}
