package dev.tapeless.processor.analysis;

import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import dev.tapeless.processor.diagnostics.CompileError;
import dev.tapeless.processor.diagnostics.Diagnostic;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls that would lose a derivative: a varied argument passed to a method with no rule, or to a
 * parameter the callee does not differentiate; an array with an adjoint written by a method with
 * no rule. Never treated as constant; each is an error on the call or the argument.
 */
public final class CallChecks {
  private CallChecks() {}

  public static List<CompileError> check(IrMethod method, Activity activity) {
    List<CompileError> errors = new ArrayList<>();
    for (Stmt s : Statements.all(method.body())) {
      Var target = s instanceof Stmt.Assign a ? a.target() : null;
      Expr value = s instanceof Stmt.Store ? null : Statements.value(s);
      if (value instanceof Expr.Call call) {
        boolean resultMatters = target != null && target.type().isDouble()
            && activity.isUseful(target);
        check(call, resultMatters, activity, errors);
      }
    }
    return errors;
  }

  private static void check(Expr.Call call, boolean resultMatters, Activity activity,
      List<CompileError> errors) {
    List<Callee.Param> params = Callee.paramsOf(call.callee());
    for (int i = 0; i < call.args().size(); i++) {
      Var v = Dependencies.baseVar(call.args().get(i));
      if (v == null || !v.type().carriesDerivative()) {
        continue;
      }
      if (call.callee() instanceof Callee.Opaque o) {
        boolean out = i < o.outs().size() && o.outs().get(i);
        if ((out && (activity.isUseful(v) || activity.isActive(v)))
            || (!out && resultMatters && activity.isVaried(v))) {
          String what = out ? "output '" + describe(call, i) + "'"
              : "argument '" + describe(call, i) + "'";
          errors.add(new CompileError(call.site(), Diagnostic.NO_DERIVATIVE_RULE, display(o),
              what));
          return;
        }
      } else if (params != null && !params.get(i).differentiated() && !params.get(i).out()
          && activity.isVaried(v)) {
        String p = params.get(i).name();
        errors.add(new CompileError(argumentTree(call, i), Diagnostic.CALLEE_DOES_NOT_DIFFERENTIATE,
            p, display(call.callee()), display(call.callee()), p));
      }
    }
  }

  /** The argument as the user wrote it. */
  private static String describe(Expr.Call call, int i) {
    return argumentTree(call, i).toString();
  }

  private static Tree argumentTree(Expr.Call call, int i) {
    if (call.site() instanceof MethodInvocationTree m && i < m.getArguments().size()) {
      return m.getArguments().get(i);
    }
    return call.site();
  }

  private static String display(Callee c) {
    String owner = c.owner();
    return owner.substring(owner.lastIndexOf('.') + 1) + "." + c.name();
  }
}
