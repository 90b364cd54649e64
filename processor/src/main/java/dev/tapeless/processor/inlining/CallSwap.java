package dev.tapeless.processor.inlining;

import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Operands;
import dev.tapeless.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds the calls of a statement and rebuilds it with some of them replaced. */
final class CallSwap {
  private CallSwap() {}

  /** The calls anywhere in an assignment, store or effect (values and indices). */
  static List<Expr.Call> calls(Stmt s) {
    List<Expr.Call> out = new ArrayList<>();
    for (Expr root : roots(s)) {
      collect(root, out);
    }
    return out;
  }

  private static List<Expr> roots(Stmt s) {
    List<Expr> roots = new ArrayList<>();
    if (s instanceof Stmt.Assign a) {
      roots.add(a.value());
    } else if (s instanceof Stmt.Store st) {
      roots.addAll(st.indices());
      roots.add(st.value());
    } else if (s instanceof Stmt.Effect e) {
      roots.add(e.call());
    }
    return roots;
  }

  private static void collect(Expr e, List<Expr.Call> out) {
    if (e instanceof Expr.Call c) {
      out.add(c);
    }
    List<Expr> parts = e instanceof Expr.ArrayRead r ? r.indices() : Operands.of(e);
    for (Expr part : parts) {
      if (part != e) {
        collect(part, out);
      }
    }
  }

  /** {@code s} with each call that is a key of {@code swaps} (by identity) replaced. */
  static Stmt replace(Stmt s, Map<Expr.Call, ? extends Expr> swaps) {
    if (s instanceof Stmt.Assign a) {
      return new Stmt.Assign(a.target(), expr(a.value(), swaps), a.origin());
    } else if (s instanceof Stmt.Store st) {
      return new Stmt.Store(st.array(), exprs(st.indices(), swaps), expr(st.value(), swaps),
          st.kind(), st.origin());
    } else if (s instanceof Stmt.Effect e) {
      return new Stmt.Effect((Expr.Call) expr(e.call(), swaps), e.origin());
    }
    return s;
  }

  private static List<Expr> exprs(List<Expr> es, Map<Expr.Call, ? extends Expr> swaps) {
    List<Expr> out = new ArrayList<>();
    for (Expr e : es) {
      out.add(expr(e, swaps));
    }
    return out;
  }

  private static Expr expr(Expr e, Map<Expr.Call, ? extends Expr> swaps) {
    if (e instanceof Expr.Call c) {
      if (swaps.containsKey(c)) {
        return swaps.get(c); // a call in its arguments is swapped by a later pass
      }
      List<Expr> args = exprs(c.args(), swaps);
      // unchanged calls keep their identity, which HelperInliner's chains are keyed by
      return sameElements(args, c.args()) ? c
          : new Expr.Call(c.callee(), args, c.type(), c.site());
    } else if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), expr(u.operand(), swaps), u.type());
    } else if (e instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), expr(b.left(), swaps), expr(b.right(), swaps), b.type());
    } else if (e instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), expr(c.operand(), swaps));
    } else if (e instanceof Expr.Conditional c) {
      return new Expr.Conditional(expr(c.condition(), swaps), expr(c.whenTrue(), swaps),
          expr(c.whenFalse(), swaps), c.type());
    } else if (e instanceof Expr.ArrayRead a) {
      return new Expr.ArrayRead(a.array(), exprs(a.indices(), swaps), a.type());
    } else if (e instanceof Expr.Length l) {
      return new Expr.Length(expr(l.array(), swaps));
    } else if (e instanceof Expr.NewArray n) {
      return new Expr.NewArray(n.type(), exprs(n.dimensions(), swaps));
    }
    return e; // Ref, Const, StaticField
  }

  private static boolean sameElements(List<Expr> a, List<Expr> b) {
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) != b.get(i)) {
        return false;
      }
    }
    return true;
  }
}
