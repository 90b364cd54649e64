package dev.tapeless.processor.reverse;

import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.UnaryOp;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The last pass over the backward sweep: an add into a scalar adjoint that holds zero on every
 * path to it ({@code tBar += g * c} right after {@code tBar = 0.0}, or first in the sweep) is an
 * assignment ({@code tBar = g * c}). Java may not fold {@code 0.0 + x} to {@code x} (it is
 * {@code +0.0} for {@code x = -0.0}), so without this every link of the adjoint chain pays an
 * add's latency: on the RK4 misfit that was a third of the gradient's time. The results differ
 * at most in the sign of a zero adjoint; a parameter's adjoint still reaches the frame by an
 * add.
 *
 * <p>A forward data-flow analysis over the sweep's IR: the set of scalar adjoints that hold
 * {@code 0.0}, meeting by intersection after branches and at loop heads (a loop's body is
 * analysed again until its entry set is stable). A call's reversal is IR too: the callee's
 * backward sweep or pullback writes no scalar local, and what it hands back is an add like any
 * other ({@code xBar = this.fFrame.dx} first in the sweep). Leaving a loop that may break
 * forgets everything.
 */
final class ZeroAdjointAdds {
  private ZeroAdjointAdds() {}

  /**
   * @param zeroAtStart the scalar adjoints declared {@code = 0.0} before the sweep
   */
  static List<Stmt> apply(List<Stmt> backward, Set<Var> zeroAtStart) {
    Set<Var> zero = new HashSet<>(zeroAtStart);
    return statements(backward, zero, true);
  }

  /** {@code stmts} rewritten (when {@code rewrite}) as run from {@code zero}, which it updates. */
  private static List<Stmt> statements(List<Stmt> stmts, Set<Var> zero, boolean rewrite) {
    List<Stmt> out = new ArrayList<>(stmts.size());
    for (Stmt s : stmts) {
      out.add(statement(s, zero, rewrite));
    }
    return out;
  }

  private static Stmt.Block block(Stmt.Block b, Set<Var> zero, boolean rewrite) {
    return new Stmt.Block(statements(b.statements(), zero, rewrite));
  }

  private static Stmt statement(Stmt s, Set<Var> zero, boolean rewrite) {
    if (s instanceof Stmt.Store st && tracked(st.array()) && st.indices().isEmpty()) {
      return store(st, zero);
    } else if (s instanceof Stmt.Assign a) {
      update(a.target(), a.value(), zero);
      return s;
    } else if (s instanceof Stmt.Declare d) {
      update(d.var(), d.value(), zero);
      return s;
    } else if (s instanceof Stmt.Restore r) {
      if (r.target() instanceof Expr.Ref ref) {
        zero.remove(ref.var());
      }
      return s;
    } else if (s instanceof Stmt.Block b) {
      return block(b, zero, rewrite);
    } else if (s instanceof Stmt.Reversal r) {
      return new Stmt.Reversal(r.of(), block(r.code(), zero, rewrite));
    } else if (s instanceof Stmt.If i) {
      Set<Var> otherwise = new HashSet<>(zero);
      Stmt.Block then = block(i.thenBlock(), zero, rewrite);
      Stmt.Block orElse = block(i.elseBlock(), otherwise, rewrite);
      zero.retainAll(otherwise);
      return new Stmt.If(i.condition(), then, orElse, i.origin());
    } else if (s instanceof Stmt.For f) {
      Stmt.Block body = loopBody(f.body(), zero, rewrite);
      return new Stmt.For(f.index(), f.first(), f.bound(), f.direction(), body, f.origin(),
          f.checkpoint());
    } else if (s instanceof Stmt.Reversed r) {
      return new Stmt.Reversed(r.loop(), loopBody(r.body(), zero, rewrite), r.anyOrder());
    } else if (s instanceof Stmt.Loop l) {
      return new Stmt.Loop(l.counter(), loopBody(l.body(), zero, rewrite), l.origin());
    } else if (s instanceof Stmt.Strided l) {
      return l.withBody(loopBody(l.body(), zero, rewrite));
    } else if (s instanceof Stmt.Store || s instanceof Stmt.Comment || s instanceof Stmt.Save
        || s instanceof Stmt.SaveAll || s instanceof Stmt.RestoreAll || s instanceof Stmt.Zero
        || s instanceof Stmt.Check || s instanceof Stmt.Effect || s instanceof Stmt.Run
        || s instanceof Stmt.SetField) {
      return s; // none writes a scalar local (a callee's backward sweep writes arrays only)
    }
    zero.clear(); // a break: nothing is known after it
    return s;
  }

  /**
   * A loop body, run zero or more times from {@code zero}: analysed from the entry set met with
   * its own exit set until that is stable, then rewritten from it; {@code zero} becomes the
   * set after the loop.
   */
  private static Stmt.Block loopBody(Stmt.Block body, Set<Var> zero, boolean rewrite) {
    boolean breaks = Statements.all(body).stream().anyMatch(t -> t instanceof Stmt.Exit);
    Set<Var> entry = new HashSet<>(zero);
    while (true) {
      Set<Var> after = new HashSet<>(entry);
      block(body, after, false);
      after.retainAll(entry);
      if (after.equals(entry)) {
        break;
      }
      entry = after;
    }
    Stmt.Block rewritten = block(body, new HashSet<>(entry), rewrite);
    zero.retainAll(entry);
    if (breaks) {
      zero.clear();
    }
    return rewritten;
  }

  private static Stmt store(Stmt.Store st, Set<Var> zero) {
    Var v = st.array();
    boolean wasZero = zero.remove(v);
    if (st.kind() == Stmt.StoreKind.SET) {
      update(v, st.value(), zero);
      return st;
    }
    if (!wasZero) {
      return st;
    }
    Expr value = st.kind() == Stmt.StoreKind.ADD ? st.value()
        : new Expr.Unary(UnaryOp.NEG, st.value(), st.value().type());
    if (!value.type().equals(v.type())) {
      value = new Expr.Cast(v.type(), value); // += narrows a double into a float adjoint itself
    }
    return new Stmt.Store(v, List.of(), value, Stmt.StoreKind.SET, st.origin());
  }

  private static void update(Var target, Expr value, Set<Var> zero) {
    if (!tracked(target)) {
      return;
    }
    if (value instanceof Expr.Const c && c.literal().equals(target.type().elementZero())) {
      zero.add(target);
    } else {
      zero.remove(target);
    }
  }

  private static boolean tracked(Var v) {
    return v.role() == Var.Role.ADJOINT && !v.type().isArray();
  }
}
