package dev.tapeless.processor.analysis;

import dev.tapeless.processor.diagnostics.CompileError;
import dev.tapeless.processor.diagnostics.Diagnostic;
import dev.tapeless.processor.frontend.Owners;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Operands;
import dev.tapeless.processor.ir.Origin;
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
      boolean resultMatters = target != null && target.type().isReal()
          && activity.isUseful(target);
      if (value instanceof Expr.Call call && !(call.callee() instanceof Callee.Opaque)) {
        checkDifferentiated(call, activity, errors);
      }
      for (Expr.Call call : opaqueCalls(s)) {
        checkOpaque(call, resultMatters && call == value, activity, errors);
      }
    }
    return errors;
  }

  /** Calls without a derivative rule anywhere in a statement. */
  private static List<Expr.Call> opaqueCalls(Stmt s) {
    List<Expr.Call> out = new ArrayList<>();
    List<Expr> roots = new ArrayList<>();
    if (Statements.value(s) != null) {
      roots.add(Statements.value(s));
    }
    if (s instanceof Stmt.Store st) {
      roots.addAll(st.indices());
    }
    roots.forEach(r -> collect(r, out));
    return out;
  }

  private static void collect(Expr e, List<Expr.Call> out) {
    if (e instanceof Expr.Call c && c.callee() instanceof Callee.Opaque) {
      out.add(c);
    }
    List<Expr> parts = e instanceof Expr.ArrayRead r ? r.indices() : Operands.of(e);
    for (Expr part : parts) {
      if (part != e) {
        collect(part, out);
      }
    }
  }

  /**
   * A method with no rule may write the arrays it is given and its result has no derivative:
   * an error when an array it gets carries a derivative, or when its result matters and an
   * argument varies.
   */
  private static void checkOpaque(Expr.Call call, boolean resultMatters, Activity activity,
      List<CompileError> errors) {
    Callee.Opaque o = (Callee.Opaque) call.callee();
    for (int i = 0; i < call.args().size(); i++) {
      Var v = Dependencies.baseVar(call.args().get(i));
      if (v == null || !v.type().carriesDerivative()) {
        continue;
      }
      boolean out = i < o.outs().size() && o.outs().get(i);
      boolean carries = o.mayWrite(i) && carries(call.args().get(i), v, activity);
      if (carries || (resultMatters && activity.isVaried(v))) {
        String what = out ? "output '" + describe(call, i) + "'"
            : "argument '" + describe(call, i) + "'";
        errors.add(new CompileError(call.site(), Diagnostic.NO_DERIVATIVE_RULE, display(o),
            what, carries ? "carries a derivative, and the method may change its elements"
                : "depends on a differentiated parameter"));
        return;
      }
    }
  }

  /** Whether an argument is an array whose derivative a call without a rule could change. */
  public static boolean carries(Expr arg, Var base, Activity activity) {
    return arg.type().isArray() && activity.isVaried(base) && activity.isUseful(base);
  }

  /**
   * Whether {@code call}, a method without a rule that is the whole value of statement {@code s},
   * would lose a derivative (what {@link #check} reports): a helper called so is
   * differentiated by inlining its body instead, when its source is available.
   */
  public static boolean losesDerivative(Stmt s, Expr.Call call, Activity activity) {
    boolean resultMatters = s instanceof Stmt.Assign a && a.value() == call
        && a.target().type().isReal() && activity.isUseful(a.target());
    Callee.Opaque o = (Callee.Opaque) call.callee();
    for (int i = 0; i < call.args().size(); i++) {
      Expr arg = call.args().get(i);
      Var v = Dependencies.baseVar(arg);
      if (v != null && v.type().carriesDerivative()
          && (o.mayWrite(i) && carries(arg, v, activity)
          || resultMatters && activity.isVaried(v))) {
        return true;
      }
    }
    return false;
  }

  private static void checkDifferentiated(Expr.Call call, Activity activity,
      List<CompileError> errors) {
    List<Callee.Param> params = Callee.paramsOf(call.callee());
    if (params == null) {
      return;
    }
    for (int i = 0; i < call.args().size(); i++) {
      Var v = Dependencies.baseVar(call.args().get(i));
      if (v != null && v.type().carriesDerivative() && !params.get(i).differentiated()
          && !params.get(i).out() && activity.isVaried(v)) {
        String p = params.get(i).name();
        errors.add(new CompileError(argumentOrigin(call, i),
            Diagnostic.CALLEE_DOES_NOT_DIFFERENTIATE,
            p, display(call.callee()), display(call.callee()), p));
      }
    }
  }

  /** The argument as the user wrote it. */
  private static String describe(Expr.Call call, int i) {
    return argumentOrigin(call, i).text();
  }

  private static Origin argumentOrigin(Expr.Call call, int i) {
    if (call.callee() instanceof Callee.Opaque o && o.onObject()) {
      i--; // the first argument is the object the method is called on
    }
    return call.site().argument(i);
  }

  private static String display(Callee c) {
    return Owners.simpleName(c.owner()) + "." + c.name();
  }
}
