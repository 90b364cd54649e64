package dev.tapeless.processor.inlining;

import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables of a callee being inlined: fresh ones for its own, array parameters bound to
 * the caller's arrays or rows. Shared by {@link CalleeInliner} and the differentiation
 * of unannotated helpers ({@link HelperInliner}).
 */
public final class Renaming {
  private final NameTable names;
  private final Map<Var, Var> vars = new IdentityHashMap<>();

  public Renaming(NameTable names) {
    this.names = names;
  }

  public void bind(Var parameter, Var argument) {
    vars.put(parameter, argument);
  }

  /**
   * A parameter given a row {@code A[i]}: its element {@code p[j]} becomes {@code A[i][j]}
   * (the caller's indices do not change while the callee runs: it cannot see them).
   */
  public void bindRow(Var parameter, Expr.ArrayRead row) {
    rows.put(parameter, row);
  }

  private final Map<Var, Expr.ArrayRead> rows = new IdentityHashMap<>();

  private List<Expr> rowIndices(Expr.ArrayRead row, List<Expr> indices) {
    List<Expr> all = new ArrayList<>(row.indices());
    all.addAll(exprs(indices));
    return all;
  }

  public Var fresh(Var v) {
    Var.Role role = v.role() == Var.Role.PARAMETER || v.role() == Var.Role.RESULT
        ? Var.Role.LOCAL : v.role();
    Var renamed = new Var(names.fresh(v.name()), v.type(), role);
    vars.put(v, renamed);
    return renamed;
  }

  public Var of(Var v) {
    if (v.role() == Var.Role.CONSTANT) {
      return v; // a table the callee reads by its qualified name, as the caller would
    }
    Var renamed = vars.get(v);
    return renamed != null ? renamed : fresh(v);
  }

  public Stmt.Block block(Stmt.Block b) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : b.statements()) {
      out.add(stmt(s));
    }
    return new Stmt.Block(out);
  }

  public Stmt stmt(Stmt s) {
    if (s instanceof Stmt.Assign a) {
      return new Stmt.Assign(of(a.target()), expr(a.value()), a.origin());
    } else if (s instanceof Stmt.Store st && rows.containsKey(st.array())) {
      Expr.ArrayRead row = rows.get(st.array());
      return new Stmt.Store(row.array(), rowIndices(row, st.indices()), expr(st.value()),
          st.kind(), st.origin());
    } else if (s instanceof Stmt.Store st) {
      return new Stmt.Store(of(st.array()), exprs(st.indices()), expr(st.value()), st.kind(),
          st.origin());
    } else if (s instanceof Stmt.If i) {
      return new Stmt.If(expr(i.condition()), block(i.thenBlock()), block(i.elseBlock()),
          i.origin());
    } else if (s instanceof Stmt.For f) {
      return new Stmt.For(of(f.index()), expr(f.first()), expr(f.bound()), f.direction(),
          block(f.body()), f.origin());
    } else if (s instanceof Stmt.Loop l) {
      return new Stmt.Loop(of(l.counter()), block(l.body()), l.origin());
    } else if (s instanceof Stmt.Effect e) {
      return new Stmt.Effect((Expr.Call) expr(e.call()), e.origin());
    } else if (s instanceof Stmt.Block b) {
      return block(b);
    }
    return s; // Exit
  }

  public List<Expr> exprs(List<Expr> es) {
    List<Expr> out = new ArrayList<>();
    for (Expr e : es) {
      out.add(expr(e));
    }
    return out;
  }

  public Expr expr(Expr e) {
    if (e instanceof Expr.Ref r && rows.containsKey(r.var())) {
      return rows.get(r.var());
    } else if (e instanceof Expr.ArrayRead a && rows.containsKey(a.array())) {
      Expr.ArrayRead row = rows.get(a.array());
      return new Expr.ArrayRead(row.array(), rowIndices(row, a.indices()), a.type());
    } else if (e instanceof Expr.Ref r) {
      return new Expr.Ref(of(r.var()));
    } else if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), expr(u.operand()), u.type());
    } else if (e instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), expr(b.left()), expr(b.right()), b.type());
    } else if (e instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), expr(c.operand()));
    } else if (e instanceof Expr.Conditional c) {
      return new Expr.Conditional(expr(c.condition()), expr(c.whenTrue()),
          expr(c.whenFalse()), c.type());
    } else if (e instanceof Expr.Call c) {
      return new Expr.Call(c.callee(), exprs(c.args()), c.type(), c.site());
    } else if (e instanceof Expr.ArrayRead a) {
      return new Expr.ArrayRead(of(a.array()), exprs(a.indices()), a.type());
    } else if (e instanceof Expr.Length l) {
      return new Expr.Length(expr(l.array()));
    } else if (e instanceof Expr.NewArray n) {
      return new Expr.NewArray(n.type(), exprs(n.dimensions()));
    }
    return e; // Const, StaticField
  }
}
