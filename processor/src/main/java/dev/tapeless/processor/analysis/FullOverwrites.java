package dev.tapeless.processor.analysis;

import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Operands;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Counted loops that overwrite every element of a one-dimensional array and do nothing else
 * with it ({@code for (int j = 0; j < d; j++) qxc[j] = e * xc[j];} with
 * {@code qxc = new double[d]}). Each element's old value was saved as the loop overwrote it, so
 * after the loop no earlier statement's reversal needs the array's current values: later writes
 * to it ({@code qxc[row] += ...}) save nothing until something reads it again. Without this,
 * arrays counted as a whole kept every later update saved (GMM's triangular solve saved 45
 * values per point and component that nothing read).
 */
final class FullOverwrites {
  private final IrMethod method;
  /** How many statements write each variable, as {@link LoopInvariantDefinitions} counts. */
  private final Map<Var, Integer> definitions;

  FullOverwrites(IrMethod method) {
    this.method = method;
    this.definitions = LoopInvariantDefinitions.definitionCounts(method.body());
  }

  /** The arrays {@code loop} overwrites entirely, in every run of it; empty for most loops. */
  List<Var> of(Stmt.For loop) {
    List<Var> arrays = new ArrayList<>();
    if (loop.direction() != Stmt.Direction.UP_EXCLUSIVE || !isZero(loop.first())) {
      return arrays;
    }
    List<Stmt> nested = Statements.all(loop.body());
    if (nested.stream().anyMatch(s -> s instanceof Stmt.Exit)) {
      return arrays; // an iteration may stop before its store
    }
    for (Stmt s : loop.body().statements()) {
      if (s instanceof Stmt.Store st && st.kind() == Stmt.StoreKind.SET
          && st.array().type().dims() == 1 && !st.array().type().isList() && st.indices().size() == 1
          && st.indices().get(0) instanceof Expr.Ref r && r.var() == loop.index()
          && coversLength(st.array(), loop.bound())
          && nested.stream().noneMatch(other -> other != st && mentions(other, st.array()))
          && !mentions(st.value(), st.array()) && !arrays.contains(st.array())) {
        arrays.add(st.array());
      }
    }
    return arrays;
  }

  /** {@code a.length}, or the one size {@code a} is ever created with, a value that never changes. */
  private boolean coversLength(Var a, Expr bound) {
    if (bound instanceof Expr.Length l && l.array() instanceof Expr.Ref r && r.var() == a) {
      return true;
    }
    List<Stmt.Assign> definitions = Statements.assignments(method.body()).stream()
        .filter(d -> d.target() == a).toList();
    if (definitions.size() != 1 || method.parameters().contains(a)
        || !(definitions.get(0).value() instanceof Expr.NewArray n)
        || n.dimensions().size() != 1) {
      return false;
    }
    Expr size = n.dimensions().get(0);
    if (size instanceof Expr.Const c && bound instanceof Expr.Const b) {
      return c.type().equals(Type.INT) && c.literal().equals(b.literal());
    }
    return size instanceof Expr.Ref s && bound instanceof Expr.Ref b && s.var() == b.var()
        && unchanging(s.var());
  }

  /** A parameter never assigned, or a local assigned exactly once. */
  private boolean unchanging(Var v) {
    int count = definitions.getOrDefault(v, 0);
    return method.parameters().contains(v) ? count == 0 : count == 1;
  }

  private static boolean isZero(Expr e) {
    return e instanceof Expr.Const c && c.type().equals(Type.INT) && c.literal().equals("0");
  }

  /** Whether statement {@code s} itself (not its nested statements) mentions {@code a} at all. */
  private static boolean mentions(Stmt s, Var a) {
    List<Expr> exprs = new ArrayList<>();
    if (s instanceof Stmt.Assign as) {
      if (as.target() == a) {
        return true;
      }
      exprs.add(as.value());
    } else if (s instanceof Stmt.Store st) {
      if (st.array() == a) {
        return true;
      }
      exprs.addAll(st.indices());
      exprs.add(st.value());
    } else if (s instanceof Stmt.Effect e) {
      exprs.add(e.call());
    } else if (s instanceof Stmt.If i) {
      exprs.add(i.condition());
    } else if (s instanceof Stmt.For f) {
      exprs.add(f.first());
      exprs.add(f.bound());
    }
    return exprs.stream().anyMatch(e -> mentions(e, a));
  }

  private static boolean mentions(Expr e, Var a) {
    List<Var> reads = new ArrayList<>();
    Operands.readsOf(e, reads);
    return reads.contains(a);
  }
}
