package dev.tapeless.fuzz.ast;

import java.util.List;
import java.util.function.Consumer;

/** Visits every statement and expression of a body, outermost first. */
public final class Walk {
  private Walk() {}

  public static void statements(List<Stmt> body, Consumer<Stmt> onStmt, Consumer<Expr> onExpr) {
    for (Stmt s : body) {
      statement(s, onStmt, onExpr);
    }
  }

  public static void statement(Stmt s, Consumer<Stmt> onStmt, Consumer<Expr> onExpr) {
    onStmt.accept(s);
    if (s instanceof Stmt.Local l) {
      expr(l.init(), onExpr);
    } else if (s instanceof Stmt.Assign a) {
      expr(a.target(), onExpr);
      expr(a.value(), onExpr);
    } else if (s instanceof Stmt.Step st) {
      expr(st.target(), onExpr);
    } else if (s instanceof Stmt.If i) {
      expr(i.condition(), onExpr);
      statements(i.then(), onStmt, onExpr);
      statements(i.otherwise(), onStmt, onExpr);
    } else if (s instanceof Stmt.For f) {
      if (f.init() != null) {
        statement(f.init(), onStmt, onExpr);
      }
      expr(f.condition(), onExpr);
      statement(f.update(), onStmt, onExpr);
      statements(f.body(), onStmt, onExpr);
    } else if (s instanceof Stmt.ForEach fe) {
      expr(fe.array(), onExpr);
      statements(fe.body(), onStmt, onExpr);
    } else if (s instanceof Stmt.While w) {
      expr(w.condition(), onExpr);
      statements(w.body(), onStmt, onExpr);
    } else if (s instanceof Stmt.DoWhile d) {
      statements(d.body(), onStmt, onExpr);
      expr(d.condition(), onExpr);
    } else if (s instanceof Stmt.Return r) {
      if (r.value() != null) {
        expr(r.value(), onExpr);
      }
    } else if (s instanceof Stmt.Effect e) {
      expr(e.call(), onExpr);
    } else if (s instanceof Stmt.Fill f) {
      expr(f.array(), onExpr);
      expr(f.value(), onExpr);
    } else if (s instanceof Stmt.Copy c) {
      expr(c.source(), onExpr);
      expr(c.target(), onExpr);
      expr(c.length(), onExpr);
    }
  }

  public static void expr(Expr e, Consumer<Expr> onExpr) {
    onExpr.accept(e);
    for (Expr child : children(e)) {
      expr(child, onExpr);
    }
  }

  /** The direct sub-expressions of {@code e}. */
  public static List<Expr> children(Expr e) {
    if (e instanceof Expr.Neg n) {
      return List.of(n.operand());
    } else if (e instanceof Expr.Not n) {
      return List.of(n.operand());
    } else if (e instanceof Expr.Bin b) {
      return List.of(b.left(), b.right());
    } else if (e instanceof Expr.Cond c) {
      return List.of(c.condition(), c.ifTrue(), c.ifFalse());
    } else if (e instanceof Expr.Cast c) {
      return List.of(c.operand());
    } else if (e instanceof Expr.MathCall m) {
      return m.args();
    } else if (e instanceof Expr.Index i) {
      return List.of(i.array(), i.index());
    } else if (e instanceof Expr.Length l) {
      return List.of(l.array());
    } else if (e instanceof Expr.Clone c) {
      return List.of(c.array());
    } else if (e instanceof Expr.NewArray n) {
      return n.dims();
    } else if (e instanceof Expr.ArrayInit a) {
      return a.elements();
    } else if (e instanceof Expr.Call c) {
      return c.args();
    } else if (e instanceof Expr.PostInc p) {
      return List.of(p.variable());
    } else if (e instanceof Expr.Draw d) {
      return d.bound() == null ? List.of() : List.of(d.bound());
    } else if (e instanceof Expr.ListGet g) {
      return List.of(g.list(), g.index());
    } else if (e instanceof Expr.Size z) {
      return List.of(z.list());
    }
    return List.of();
  }
}
