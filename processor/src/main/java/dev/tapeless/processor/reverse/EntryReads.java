package dev.tapeless.processor.reverse;

import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Subexpressions;
import dev.tapeless.processor.ir.Var;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The variables a backward sweep may read before it assigns them: of the forward sweep's
 * locals, the only ones it needs from the forward sweep. The others (a temporary the backward
 * sweep assigns again before each use, as {@code Recomputation} arranges, or restores from the
 * save buffer before reading it) need not be passed to the backward sweep's method nor saved by
 * {@code splitForward}. Passing them cost more than the copy: every one was live from its
 * assignment in a loop to the end of the forward sweep, so the JIT kept about a hundred of the
 * RK4 misfit's temporaries in stack slots, storing each on every step (its forward sweep took
 * twice the primal's time; without them, the primal's).
 *
 * <p>A must-assign analysis over the structured IR: a read counts unless every path to it
 * assigned the variable first; a loop's body may not run, a branch assigns what both arms do.
 * A statement it does not know makes every variable count (null answer), and expressions are
 * walked through {@link Subexpressions}, which knows every kind, so an IR kind added later
 * cannot drop a variable the sweep reads.
 */
final class EntryReads {
  private final Set<Var> read = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Var> written = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Var> declared = Collections.newSetFromMap(new IdentityHashMap<>());
  private boolean opaque;

  private EntryReads() {}

  /**
   * What a piece of code does with variables.
   *
   * @param read those it may read before assigning them; null if it cannot tell
   * @param assigned those it assigns anywhere (declarations included)
   * @param declared those it declares itself
   */
  record Uses(Set<Var> read, Set<Var> assigned, Set<Var> declared) {}

  static Uses of(List<Stmt> code) {
    EntryReads reads = new EntryReads();
    reads.statements(code, Collections.newSetFromMap(new IdentityHashMap<>()));
    return new Uses(reads.opaque ? null : reads.read, reads.written, reads.declared);
  }

  /** Walks {@code stmts} in order; {@code assigned} grows with what they surely assign. */
  private void statements(List<Stmt> stmts, Set<Var> assigned) {
    for (Stmt s : stmts) {
      statement(s, assigned);
    }
  }

  private Set<Var> copy(Set<Var> assigned) {
    Set<Var> c = Collections.newSetFromMap(new IdentityHashMap<>());
    c.addAll(assigned);
    return c;
  }

  /** A body that may run no time: what it assigns is not sure afterwards. */
  private void mayNotRun(Stmt.Block body, Set<Var> assigned) {
    statements(body.statements(), copy(assigned));
  }

  private void assign(Var v, Set<Var> assigned) {
    written.add(v);
    assigned.add(v);
  }

  private void statement(Stmt s, Set<Var> assigned) {
    if (s instanceof Stmt.Assign a) {
      expr(a.value(), assigned);
      assign(a.target(), assigned);
    } else if (s instanceof Stmt.Declare d) {
      expr(d.value(), assigned);
      assign(d.var(), assigned);
      declared.add(d.var());
    } else if (s instanceof Stmt.Store st) {
      st.indices().forEach(e -> expr(e, assigned));
      expr(st.value(), assigned);
      if (!st.indices().isEmpty() || st.kind() != Stmt.StoreKind.SET) {
        use(st.array(), assigned); // an element's array, or a compound scalar update
      }
      if (st.indices().isEmpty()) {
        assign(st.array(), assigned);
      }
    } else if (s instanceof Stmt.If i) {
      expr(i.condition(), assigned);
      Set<Var> then = copy(assigned);
      Set<Var> otherwise = copy(assigned);
      statements(i.thenBlock().statements(), then);
      statements(i.elseBlock().statements(), otherwise);
      then.retainAll(otherwise);
      assigned.addAll(then);
    } else if (s instanceof Stmt.For f) {
      expr(f.first(), assigned);
      expr(f.bound(), assigned);
      Set<Var> inside = copy(assigned);
      assign(f.index(), inside);
      statements(f.body().statements(), inside);
    } else if (s instanceof Stmt.Reversed r) {
      expr(r.loop().first(), assigned);
      expr(r.loop().bound(), assigned);
      Set<Var> inside = copy(assigned);
      assign(r.loop().index(), inside);
      statements(r.body().statements(), inside);
    } else if (s instanceof Stmt.Strided l) {
      expr(l.first(), assigned);
      expr(l.bound(), assigned);
      expr(l.step(), assigned);
      Set<Var> inside = copy(assigned);
      assign(l.index(), inside);
      statements(l.body().statements(), inside);
    } else if (s instanceof Stmt.Loop l) {
      mayNotRun(l.body(), assigned);
    } else if (s instanceof Stmt.Block b) {
      statements(b.statements(), assigned);
    } else if (s instanceof Stmt.Reversal r) {
      statements(r.code().statements(), assigned);
    } else if (s instanceof Stmt.Restore r) {
      target(r.target(), assigned);
    } else if (s instanceof Stmt.CursorRestore r) {
      use(r.array(), assigned);
      use(r.top(), assigned);
      assign(r.top(), assigned);
      target(r.target(), assigned);
    } else if (s instanceof Stmt.CursorSave v) {
      expr(v.value(), assigned);
      use(v.array(), assigned);
      use(v.top(), assigned);
      assign(v.top(), assigned);
    } else if (s instanceof Stmt.Save v) {
      expr(v.value(), assigned);
    } else if (s instanceof Stmt.SaveAll v) {
      expr(v.region(), assigned);
    } else if (s instanceof Stmt.RestoreAll r) {
      expr(r.region(), assigned);
    } else if (s instanceof Stmt.SaveShape v) {
      use(v.array(), assigned);
    } else if (s instanceof Stmt.Zero z) {
      expr(z.array(), assigned);
    } else if (s instanceof Stmt.Check c) {
      c.failures().forEach(e -> expr(e, assigned));
    } else if (s instanceof Stmt.Effect e) {
      expr(e.call(), assigned);
    } else if (s instanceof Stmt.Run r) {
      expr(r.call(), assigned);
    } else if (s instanceof Stmt.SetField f) {
      expr(f.field(), assigned);
      expr(f.value(), assigned);
    } else if (!(s instanceof Stmt.Exit || s instanceof Stmt.Comment)) {
      opaque = true;
    }
  }

  /** A restore's target: a scalar is assigned, an element's array and indices are read. */
  private void target(Expr t, Set<Var> assigned) {
    if (t instanceof Expr.Ref r) {
      assign(r.var(), assigned);
    } else {
      expr(t, assigned);
    }
  }

  private void use(Var v, Set<Var> assigned) {
    if (!assigned.contains(v)) {
      read.add(v);
    }
  }

  private void expr(Expr e, Set<Var> assigned) {
    if (e instanceof Expr.Ref r) {
      use(r.var(), assigned);
    } else if (e instanceof Expr.ArrayRead a) {
      use(a.array(), assigned);
    } else if (e instanceof Expr.Member m) {
      use(m.object(), assigned);
    } else if (e instanceof Expr.Buffered b && b.again() != null) {
      use(b.again(), assigned);
    }
    Subexpressions.of(e).forEach(child -> expr(child, assigned));
  }
}
