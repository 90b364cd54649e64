package dev.tapeless.fuzz.reduce;

import dev.tapeless.fuzz.ast.Expr;
import dev.tapeless.fuzz.ast.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Edits of a body by position: statements and expressions are numbered in pre-order (the order
 * of {@link dev.tapeless.fuzz.ast.Walk}), so the reducer can name "the 7th statement" or "the
 * 40th expression" and replace it.
 */
final class Rewrite {
  private Rewrite() {}

  // ---------------------------------------------------------------- statements

  static int countStatements(List<Stmt> body) {
    int[] n = {0};
    dev.tapeless.fuzz.ast.Walk.statements(body, s -> n[0]++, e -> { });
    return n[0];
  }

  static Stmt statementAt(List<Stmt> body, int index) {
    Stmt[] found = {null};
    int[] n = {0};
    dev.tapeless.fuzz.ast.Walk.statements(body, s -> {
      if (n[0]++ == index) {
        found[0] = s;
      }
    }, e -> { });
    return found[0];
  }

  /** The body with statement {@code index} replaced by {@code f}'s statements (none: deleted). */
  static List<Stmt> replaceStatement(List<Stmt> body, int index,
      Function<Stmt, List<Stmt>> f) {
    return new StmtEdit(index, f).list(body);
  }

  private static final class StmtEdit {
    private final int target;
    private final Function<Stmt, List<Stmt>> f;
    private int next;

    StmtEdit(int target, Function<Stmt, List<Stmt>> f) {
      this.target = target;
      this.f = f;
    }

    List<Stmt> list(List<Stmt> body) {
      List<Stmt> out = new ArrayList<>();
      for (Stmt s : body) {
        if (next == target) {
          next += countStatements(List.of(s));
          out.addAll(f.apply(s));
        } else {
          out.add(one(s));
        }
      }
      return out;
    }

    /** A statement that is not the target itself, with the target possibly inside. */
    private Stmt one(Stmt s) {
      next++;
      if (s instanceof Stmt.If i) {
        return new Stmt.If(i.condition(), list(i.then()), list(i.otherwise()));
      } else if (s instanceof Stmt.For fo) {
        // The header's init and update count as statements but are never edited alone.
        next += (fo.init() == null ? 0 : 1) + 1;
        return new Stmt.For(fo.init(), fo.condition(), fo.update(), list(fo.body()),
            fo.checkpoint());
      } else if (s instanceof Stmt.ForEach fe) {
        return new Stmt.ForEach(fe.elementType(), fe.name(), fe.array(), list(fe.body()));
      } else if (s instanceof Stmt.While w) {
        return new Stmt.While(w.condition(), list(w.body()));
      } else if (s instanceof Stmt.DoWhile d) {
        return new Stmt.DoWhile(list(d.body()), d.condition());
      }
      return s;
    }
  }

  // ---------------------------------------------------------------- expressions

  static List<Expr> expressions(List<Stmt> body) {
    List<Expr> all = new ArrayList<>();
    dev.tapeless.fuzz.ast.Walk.statements(body, s -> { }, all::add);
    return all;
  }

  /** The body with expression {@code index} replaced by {@code replacement}. */
  static List<Stmt> replaceExpression(List<Stmt> body, int index, Expr replacement) {
    return new ExprEdit(index, replacement).list(body);
  }

  private static final class ExprEdit {
    private final int target;
    private final Expr replacement;
    private int next;

    ExprEdit(int target, Expr replacement) {
      this.target = target;
      this.replacement = replacement;
    }

    List<Stmt> list(List<Stmt> body) {
      List<Stmt> out = new ArrayList<>();
      for (Stmt s : body) {
        out.add(stmt(s));
      }
      return out;
    }

    private Stmt stmt(Stmt s) {
      if (s instanceof Stmt.Local l) {
        return new Stmt.Local(l.type(), l.name(), e(l.init()));
      } else if (s instanceof Stmt.Assign a) {
        Expr t = e(a.target());
        return new Stmt.Assign(t, a.op(), e(a.value()));
      } else if (s instanceof Stmt.Step st) {
        return new Stmt.Step(e(st.target()), st.increment());
      } else if (s instanceof Stmt.If i) {
        Expr c = e(i.condition());
        List<Stmt> then = list(i.then());
        return new Stmt.If(c, then, list(i.otherwise()));
      } else if (s instanceof Stmt.For f) {
        Stmt init = f.init() == null ? null : stmt(f.init());
        Expr c = e(f.condition());
        Stmt update = stmt(f.update());
        return new Stmt.For(init, c, update, list(f.body()), f.checkpoint());
      } else if (s instanceof Stmt.ForEach fe) {
        Expr a = e(fe.array());
        return new Stmt.ForEach(fe.elementType(), fe.name(), a, list(fe.body()));
      } else if (s instanceof Stmt.While w) {
        Expr c = e(w.condition());
        return new Stmt.While(c, list(w.body()));
      } else if (s instanceof Stmt.DoWhile d) {
        List<Stmt> body = list(d.body());
        return new Stmt.DoWhile(body, e(d.condition()));
      } else if (s instanceof Stmt.Return r) {
        return r.value() == null ? r : new Stmt.Return(e(r.value()));
      } else if (s instanceof Stmt.Effect ef) {
        Expr c = e(ef.call());
        return c instanceof Expr.Call call ? new Stmt.Effect(call) : ef;
      } else if (s instanceof Stmt.Fill f) {
        Expr a = e(f.array());
        return new Stmt.Fill(a, e(f.value()));
      } else if (s instanceof Stmt.Copy c) {
        return new Stmt.Copy(e(c.source()), e(c.target()), e(c.length()));
      }
      return s;
    }

    private Expr e(Expr x) {
      int me = next++;
      if (me == target) {
        next += expressions(List.of(new Stmt.Return(x))).size() - 1;
        return replacement;
      }
      if (x instanceof Expr.Neg n) {
        return new Expr.Neg(e(n.operand()));
      } else if (x instanceof Expr.Not n) {
        return new Expr.Not(e(n.operand()));
      } else if (x instanceof Expr.Bin b) {
        Expr l = e(b.left());
        return new Expr.Bin(b.op(), l, e(b.right()));
      } else if (x instanceof Expr.Cond c) {
        Expr cond = e(c.condition());
        Expr t = e(c.ifTrue());
        return new Expr.Cond(cond, t, e(c.ifFalse()));
      } else if (x instanceof Expr.Cast c) {
        return new Expr.Cast(c.to(), e(c.operand()));
      } else if (x instanceof Expr.MathCall m) {
        return new Expr.MathCall(m.fn(), m.strict(), args(m.args()));
      } else if (x instanceof Expr.Index i) {
        Expr a = e(i.array());
        return new Expr.Index(a, e(i.index()));
      } else if (x instanceof Expr.Length l) {
        return new Expr.Length(e(l.array()));
      } else if (x instanceof Expr.Clone c) {
        return new Expr.Clone(e(c.array()));
      } else if (x instanceof Expr.NewArray n) {
        return new Expr.NewArray(n.type(), args(n.dims()));
      } else if (x instanceof Expr.ArrayInit a) {
        return new Expr.ArrayInit(args(a.elements()));
      } else if (x instanceof Expr.Call c) {
        return new Expr.Call(c.kind(), c.name(), args(c.args()), c.type());
      } else if (x instanceof Expr.PostInc p) {
        next++;
        return p;
      } else if (x instanceof Expr.Draw d) {
        return d.bound() == null ? d : new Expr.Draw(d.object(), d.method(), e(d.bound()));
      } else if (x instanceof Expr.ListGet g) {
        Expr list = e(g.list());
        return new Expr.ListGet(list, e(g.index()));
      } else if (x instanceof Expr.Size z) {
        return new Expr.Size(e(z.list()));
      }
      return x;
    }

    private List<Expr> args(List<Expr> in) {
      List<Expr> out = new ArrayList<>();
      for (Expr a : in) {
        out.add(e(a));
      }
      return out;
    }
  }
}
