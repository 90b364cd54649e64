package dev.tapeless.processor.scalarization;

import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Where variables and array elements occur in IR: the walks scalarization needs. */
final class Occurrences {
  private Occurrences() {}

  /** {@code e} and every expression inside it, indices included. */
  static List<Expr> nodes(Expr e) {
    List<Expr> out = new ArrayList<>();
    collect(e, out);
    return out;
  }

  private static void collect(Expr e, List<Expr> out) {
    out.add(e);
    if (e instanceof Expr.Unary u) {
      collect(u.operand(), out);
    } else if (e instanceof Expr.Binary b) {
      collect(b.left(), out);
      collect(b.right(), out);
    } else if (e instanceof Expr.Cast c) {
      collect(c.operand(), out);
    } else if (e instanceof Expr.Conditional c) {
      collect(c.condition(), out);
      collect(c.whenTrue(), out);
      collect(c.whenFalse(), out);
    } else if (e instanceof Expr.Call c) {
      c.args().forEach(a -> collect(a, out));
    } else if (e instanceof Expr.ArrayRead r) {
      r.indices().forEach(i -> collect(i, out));
    } else if (e instanceof Expr.Length l) {
      collect(l.array(), out);
    } else if (e instanceof Expr.NewArray n) {
      n.dimensions().forEach(d -> collect(d, out));
    }
  }

  /** Every element or row read inside {@code e}. */
  static List<Expr.ArrayRead> arrayReads(Expr e) {
    List<Expr.ArrayRead> out = new ArrayList<>();
    for (Expr n : nodes(e)) {
      if (n instanceof Expr.ArrayRead r) {
        out.add(r);
      }
    }
    return out;
  }

  /** Adds every variable that {@code root} names outside {@code skip} (by identity) to {@code into}. */
  static void vars(Stmt root, Stmt skip, Set<Var> into) {
    if (root == skip) {
      return;
    }
    if (root instanceof Stmt.Assign a) {
      into.add(a.target());
    } else if (root instanceof Stmt.Store st) {
      into.add(st.array());
    } else if (root instanceof Stmt.For f) {
      into.add(f.index());
    } else if (root instanceof Stmt.Loop l) {
      into.add(l.counter());
    }
    for (Expr e : Statements.expressions(root)) {
      for (Expr n : nodes(e)) {
        if (n instanceof Expr.Ref r) {
          into.add(r.var());
        } else if (n instanceof Expr.ArrayRead r) {
          into.add(r.array());
        }
      }
    }
    if (root instanceof Stmt.If i) {
      vars(i.thenBlock(), skip, into);
      vars(i.elseBlock(), skip, into);
    } else if (root instanceof Stmt.For f) {
      vars(f.body(), skip, into);
    } else if (root instanceof Stmt.Loop l) {
      vars(l.body(), skip, into);
    } else if (root instanceof Stmt.Block b) {
      for (Stmt s : b.statements()) {
        vars(s, skip, into);
      }
    }
  }
}
