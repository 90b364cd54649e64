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
import java.util.ArrayList;
import java.util.List;

/**
 * Calls that would lose a derivative: a varied argument passed to a method with no rule, or to a
 * parameter the callee does not differentiate. Never treated as constant; each is an error on
 * the argument.
 */
public final class CallChecks {
  private CallChecks() {}

  public static List<CompileError> check(IrMethod method, Activity activity) {
    List<CompileError> errors = new ArrayList<>();
    for (Stmt.Assign a : Statements.assignments(method.body())) {
      if (!a.target().type().isDouble() || !activity.isUseful(a.target())) {
        continue;
      }
      collect(a.value(), activity, errors);
    }
    return errors;
  }

  private static void collect(Expr value, Activity activity, List<CompileError> errors) {
    if (!(value instanceof Expr.Call call)) {
      return;
    }
    for (int i = 0; i < call.args().size(); i++) {
      Expr arg = call.args().get(i);
      if (!(arg instanceof Expr.Ref r) || !activity.isVaried(r.var()) || !arg.type().isDouble()) {
        continue;
      }
      Tree where = argumentTree(call, i);
      if (call.callee() instanceof Callee.Opaque o) {
        errors.add(new CompileError(call.site(), Diagnostic.NO_DERIVATIVE_RULE, display(o)));
        return;
      }
      if (call.callee() instanceof Callee.Differentiable d && !d.differentiated().get(i)) {
        String p = d.parameterNames().get(i);
        errors.add(new CompileError(where, Diagnostic.CALLEE_DOES_NOT_DIFFERENTIATE, p,
            display(d), display(d), p));
      }
    }
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
