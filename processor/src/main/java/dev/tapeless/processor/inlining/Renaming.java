package dev.tapeless.processor.inlining;

import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.ExprRewriter;
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
  private final Map<Var, Expr> values = new IdentityHashMap<>();
  /** Whether a variable nothing was bound to stays itself (else it gets a fresh name). */
  private final boolean keepUnbound;

  public Renaming(NameTable names) {
    this(names, false);
  }

  private Renaming(NameTable names, boolean keepUnbound) {
    this.names = names;
    this.keepUnbound = keepUnbound;
  }

  /**
   * A copy of code within the same method: variables stay as they are unless bound (a copy of a
   * loop body gets its own temporaries, its index a constant).
   */
  public static Renaming keeping(NameTable names) {
    return new Renaming(names, true);
  }

  /** Every read of {@code v} becomes {@code value} (a loop index its value in one copy). */
  public void bindValue(Var v, Expr value) {
    values.put(v, value);
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
    return renamed != null ? renamed : keepUnbound ? v : fresh(v);
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
    return ExprRewriter.rewrite(es, this::replacement);
  }

  public Expr expr(Expr e) {
    return ExprRewriter.rewrite(e, this::replacement);
  }

  /** A variable's node in the copy; null for the nodes rebuilt as they are. */
  private Expr replacement(Expr e) {
    if (e instanceof Expr.Ref r && values.containsKey(r.var())) {
      return values.get(r.var());
    } else if (e instanceof Expr.Ref r && rows.containsKey(r.var())) {
      return rows.get(r.var());
    } else if (e instanceof Expr.ArrayRead a && rows.containsKey(a.array())) {
      Expr.ArrayRead row = rows.get(a.array());
      return new Expr.ArrayRead(row.array(), rowIndices(row, a.indices()), a.type());
    } else if (e instanceof Expr.Ref r) {
      return new Expr.Ref(of(r.var()));
    } else if (e instanceof Expr.ArrayRead a) {
      return new Expr.ArrayRead(of(a.array()), exprs(a.indices()), a.type());
    }
    return null;
  }
}
