package dev.tapeless.processor.analysis;

import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Calls whose pullback may set its input adjoint arrays rather than add into them (a
 * {@code @CustomDerivative} with an {@code assigning} pullback): top-level calls that are the
 * first statement of the backward sweep to touch each of those adjoints. A local's adjoint is zero
 * until then, so setting it is always right; a parameter's holds whatever the {@code d*} field
 * held, so setting it is right only when the gradient is to be overwritten, and then
 * {@code valueAndGradient} need not zero that field first.
 */
public final class FreshAdjoints {
  private final Set<Stmt> assigning = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Stmt> assigningParameters =
      Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Var> assignedParameters = new LinkedHashSet<>();

  private FreshAdjoints() {}

  /**
   * @param seeded arrays whose adjoints hold a seed when the backward sweep starts: the
   *     {@code @Out} parameters
   */
  public static FreshAdjoints of(Stmt.Block body, Activity activity, Set<Var> seeded) {
    FreshAdjoints f = new FreshAdjoints();
    Set<Var> touched = Collections.newSetFromMap(new IdentityHashMap<>());
    touched.addAll(seeded);
    List<Stmt> stmts = body.statements();
    // The backward sweep runs the top-level statements last to first.
    for (int i = stmts.size() - 1; i >= 0; i--) {
      Stmt s = stmts.get(i);
      List<Var> set = assignable(s, activity);
      if (set != null && set.stream().noneMatch(touched::contains)) {
        f.assigning.add(s);
        for (Var v : set) {
          if (v.role() == Var.Role.PARAMETER) {
            f.assignedParameters.add(v);
            f.assigningParameters.add(s);
          }
        }
      }
      for (Stmt t : Statements.all(s)) {
        Dependencies d = Dependencies.of(t);
        touched.addAll(d.written());
        touched.addAll(d.differentiableReads());
      }
    }
    return f;
  }

  /**
   * The distinct active arrays whose adjoints the assigning pullback of {@code s} would set, or
   * null when {@code s} cannot use one: no such pullback, not run, or an adjoint passed twice or
   * only in part (a row).
   */
  private static List<Var> assignable(Stmt s, Activity activity) {
    Expr.Call call = BackwardReads.derivativeCall(s);
    if (call == null || !(call.callee() instanceof Callee.Custom c) || c.assigning() == null
        || !BackwardReads.runsPullback(s, activity)) {
      return null;
    }
    List<Var> set = new ArrayList<>();
    for (int i = 0; i < c.params().size(); i++) {
      Callee.Param p = c.params().get(i);
      if (!p.differentiated() || !p.type().isArray() || p.out()) {
        continue;
      }
      Expr arg = call.args().get(i);
      Var base = Dependencies.baseVar(arg);
      if (base == null || !activity.isActive(base)) {
        continue; // null or a scratch array: nobody reads what it ends up holding
      }
      if (!(arg instanceof Expr.Ref) || set.contains(base)) {
        return null;
      }
      set.add(base);
    }
    return set.isEmpty() ? null : set;
  }

  /** Whether the reversal of {@code s} may call the assigning pullback. */
  public boolean assigns(Stmt s) {
    return assigning.contains(s);
  }

  /** Whether that is right only when overwriting: {@code s} sets a parameter's adjoint. */
  public boolean assignsParameters(Stmt s) {
    return assigningParameters.contains(s);
  }

  /** Parameters whose adjoint an assigning pullback sets before anything else touches it. */
  public Set<Var> assignedParameters() {
    return assignedParameters;
  }
}
