package dev.tapeless.processor.reverse;

import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pass over the backward sweep: in a reversed loop that adds into one element of a local's
 * adjoint at an index the loop does not change ({@code xcBar[col] += qBar[row] * l[k]} in a loop
 * over {@code row}), the element is kept in a local for the loop and stored once after it. The
 * JIT cannot do this itself: the loop also stores into other {@code double[]}s, which might be
 * the same array as far as it knows, so each iteration loaded and stored the element and waited
 * for the store (on the GMM objective's triangular loop, the slowest part of its gradient).
 *
 * <p>Safe because a local's adjoint is a buffer of the frame's own that no other variable names:
 * the pass takes only one-dimensional ones (no row variable can point into them), only when
 * nothing else in the loop mentions the array and the loop calls no other frame (a callee's
 * adjoint fields may hold it). The element is read before the loop and written after it, so the
 * same additions happen in the same order: the result is bit for bit the same. The read is
 * guarded by the loop's own entry test, so a loop that runs no iteration reads nothing.
 */
final class InvariantAccumulators {
  private InvariantAccumulators() {}

  /**
   * @param owned the one-dimensional adjoints of locals, in the frame's own buffers
   */
  static List<Stmt> apply(List<Stmt> backward, Set<Var> owned, NameTable names) {
    return new Pass(owned, names).sweep(backward);
  }

  private static final class Pass extends LoopRewrite {
    Pass(Set<Var> owned, NameTable names) {
      super(owned, names);
    }

    @Override
    List<Stmt> reversed(Stmt.Reversed loop, Expr holds) {
      return promoted(loop, holds);
    }

    /**
     * The loop with each invariant element it adds into held in a local; the read guarded by
     * the loop's entry test unless {@code holds} is that test.
     */
    List<Stmt> promoted(Stmt.Reversed loop, Expr holds) {
      Scan scan = new Scan();
      scan.assigned.add(loop.loop().index());
      scan.block(loop.body());
      if (scan.opaque) {
        return List.of(loop);
      }
      Map<Var, List<Expr>> chosen = new LinkedHashMap<>();
      scan.adds.forEach((array, indices) -> {
        if (owned.contains(array) && indices != null && !scan.otherUses.contains(array)
            && indices.stream().allMatch(e -> invariantIndex(e, scan.assigned))) {
          chosen.put(array, indices);
        }
      });
      if (chosen.isEmpty()) {
        return List.of(loop);
      }
      Map<Var, Var> locals = new LinkedHashMap<>();
      List<Stmt> before = new ArrayList<>();
      List<Stmt> after = new ArrayList<>();
      chosen.forEach((array, indices) -> {
        Type element = array.type().element();
        Var local = new Var(names.fresh(array.name() + "Sum"), element, Var.Role.LOCAL);
        locals.put(array, local);
        before.add(new Stmt.Declare(local, new Expr.ArrayRead(array, indices, element)));
        after.add(new Stmt.Store(array, indices, new Expr.Ref(local), Stmt.StoreKind.SET,
            null));
      });
      return guarded(loop.loop(), before, new Stmt.Reversed(loop.loop(),
          redirect(loop.body(), locals), loop.anyOrder()), after, holds);
    }

    /** The body with each chosen {@code array[index] += v} made {@code local += v}. */
    static Stmt.Block redirect(Stmt.Block body, Map<Var, Var> locals) {
      List<Stmt> out = new ArrayList<>();
      for (Stmt s : body.statements()) {
        out.add(redirect(s, locals));
      }
      return new Stmt.Block(out);
    }

    static Stmt redirect(Stmt s, Map<Var, Var> locals) {
      if (s instanceof Stmt.Store st && locals.containsKey(st.array())) {
        return new Stmt.Store(locals.get(st.array()), List.of(), st.value(), st.kind(),
            st.origin());
      } else if (s instanceof Stmt.Reversal r) {
        return new Stmt.Reversal(r.of(), redirect(r.code(), locals));
      } else if (s instanceof Stmt.If i) {
        return new Stmt.If(i.condition(), redirect(i.thenBlock(), locals),
            redirect(i.elseBlock(), locals), i.origin());
      } else if (s instanceof Stmt.For f) {
        return new Stmt.For(f.index(), f.first(), f.bound(), f.direction(),
            redirect(f.body(), locals), f.origin(), f.checkpoint());
      } else if (s instanceof Stmt.Reversed r) {
        return new Stmt.Reversed(r.loop(), redirect(r.body(), locals), r.anyOrder());
      } else if (s instanceof Stmt.Block b) {
        return redirect(b, locals);
      }
      return s;
    }
  }

  /**
   * What a loop body does with arrays: the single index each array is added into ({@code null}
   * when it is added into at two different ones), the arrays it mentions otherwise, the
   * variables it assigns, and whether it holds anything the pass cannot see through.
   */
  private static final class Scan {
    final Map<Var, List<Expr>> adds = new LinkedHashMap<>();
    final Set<Var> otherUses = new HashSet<>();
    final Set<Var> assigned = new HashSet<>();
    boolean opaque;

    void block(Stmt.Block b) {
      for (Stmt s : b.statements()) {
        statement(s);
      }
    }

    void statement(Stmt s) {
      if (s instanceof Stmt.Store st) {
        if (st.indices().isEmpty()) {
          assigned.add(st.array());
        } else if (st.kind() == Stmt.StoreKind.ADD) {
          List<Expr> previous = adds.get(st.array());
          adds.put(st.array(), previous == null && !adds.containsKey(st.array())
              || st.indices().equals(previous) ? st.indices() : null);
        } else {
          otherUses.add(st.array());
        }
        st.indices().forEach(this::expr);
        expr(st.value());
      } else if (s instanceof Stmt.Assign a) {
        assigned.add(a.target());
        expr(a.value());
      } else if (s instanceof Stmt.Declare d) {
        assigned.add(d.var());
        expr(d.value());
      } else if (s instanceof Stmt.Restore r) {
        if (r.target() instanceof Expr.Ref ref) {
          assigned.add(ref.var());
        } else {
          expr(r.target());
        }
      } else if (s instanceof Stmt.Reversal r) {
        block(r.code());
      } else if (s instanceof Stmt.If i) {
        expr(i.condition());
        block(i.thenBlock());
        block(i.elseBlock());
      } else if (s instanceof Stmt.For f) {
        assigned.add(f.index());
        expr(f.first());
        expr(f.bound());
        block(f.body());
      } else if (s instanceof Stmt.Reversed r) {
        assigned.add(r.loop().index());
        expr(r.loop().first());
        expr(r.loop().bound());
        block(r.body());
      } else if (s instanceof Stmt.Check c) {
        c.failures().forEach(this::expr);
      } else if (s instanceof Stmt.Save sv) {
        expr(sv.value());
      } else if (s instanceof Stmt.Run run && !(run.call() instanceof Expr.FrameCall)) {
        expr(run.call());
      } else if (!(s instanceof Stmt.Comment)) {
        opaque = true; // frame calls, loops of other kinds, code the pass does not read
      }
    }

    /** Records the arrays an expression mentions (any variable, to be safe). */
    void expr(Expr e) {
      if (e instanceof Expr.Ref r) {
        otherUses.add(r.var());
      } else if (e instanceof Expr.ArrayRead a) {
        otherUses.add(a.array());
        a.indices().forEach(this::expr);
      } else if (e instanceof Expr.Binary b) {
        expr(b.left());
        expr(b.right());
      } else if (e instanceof Expr.Unary u) {
        expr(u.operand());
      } else if (e instanceof Expr.Cast c) {
        expr(c.operand());
      } else if (e instanceof Expr.Conditional c) {
        expr(c.condition());
        expr(c.whenTrue());
        expr(c.whenFalse());
      } else if (e instanceof Expr.Length l) {
        expr(l.array());
      } else if (e instanceof Expr.Rule rule) {
        rule.bindings().values().forEach(this::expr);
      } else if (e instanceof Expr.Invoke i) {
        i.args().forEach(this::expr);
      } else if (e instanceof Expr.Call c) {
        c.args().forEach(this::expr);
      } else if (e instanceof Expr.Field f) {
        f.indices().forEach(this::expr);
      } else if (!(e instanceof Expr.Const || e instanceof Expr.StaticField)) {
        opaque = true;
      }
    }
  }
}
