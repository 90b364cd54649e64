package dev.tapeless.processor.analysis;

import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Subexpressions;
import dev.tapeless.processor.ir.Var;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Locals whose array no other variable can name, so that a write through any other variable
 * cannot change it: what lets the backward sweep keep an element in a local, or fill the array
 * again, without asking the JIT to prove it.
 */
public final class UnaliasedLocals {
  private UnaliasedLocals() {}

  /**
   * The method's one-dimensional array locals that only ever hold a new array of their own:
   * every assignment a {@code new}, and the variable never appearing where its array could
   * reach another name (assigned, stored, passed to a call that returns an array or object).
   */
  public static Set<Var> of(IrMethod method) {
    Set<Var> candidates = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<Var> rejected = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Stmt s : Statements.all(method.body())) {
      if (s instanceof Stmt.Assign a && a.target().role() == Var.Role.LOCAL
          && a.target().type().isArray() && a.target().type().dims() == 1
          && !a.target().type().isList()) {
        (a.value() instanceof Expr.NewArray ? candidates : rejected).add(a.target());
      }
      for (Expr e : Statements.expressions(s)) {
        escapes(e, false, rejected);
      }
      if (!(s instanceof Stmt.Assign || s instanceof Stmt.Store || s instanceof Stmt.If
          || s instanceof Stmt.For || s instanceof Stmt.Effect || s instanceof Stmt.Block
          || s instanceof Stmt.Loop || s instanceof Stmt.Exit || s instanceof Stmt.Comment)) {
        return Set.of(); // a statement kind this does not read: take nothing
      }
    }
    candidates.removeAll(rejected);
    return candidates;
  }

  /**
   * Adds to {@code rejected} each variable whose array {@code e} could hand on: a bare name
   * anywhere but as the array of a read or a length, or an argument to a call whose result
   * is not a number.
   */
  private static void escapes(Expr e, boolean bareAllowed, Set<Var> rejected) {
    if (e instanceof Expr.Ref r) {
      if (!bareAllowed) {
        rejected.add(r.var());
      }
      return;
    }
    boolean numberCall = (e instanceof Expr.Call || e instanceof Expr.Invoke)
        && e.type() != null && !e.type().isArray() && !e.type().isObject()
        && !e.type().isList();
    for (Expr child : Subexpressions.of(e)) {
      escapes(child, e instanceof Expr.Length || numberCall, rejected);
    }
  }
}
