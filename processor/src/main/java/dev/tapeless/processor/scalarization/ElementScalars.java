package dev.tapeless.processor.scalarization;

import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.ExprRewriter;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites arrays whose every use has a constant index as one variable per element
 * ({@code stage[1]} becomes {@code stage_1}), in the three-address form reverse mode expects.
 */
final class ElementScalars {
  private final Map<Var, Integer> lengths;
  private final NameTable names;
  private final Map<Var, Var[]> elements = new IdentityHashMap<>();

  /**
   * @param arrays the arrays to rewrite
   * @param lengths the lengths of every array of constant length, which indices may read
   */
  ElementScalars(Set<Var> arrays, Map<Var, Integer> lengths, NameTable names) {
    this.lengths = lengths;
    this.names = names;
    for (Var a : arrays) {
      Var[] scalars = new Var[lengths.get(a)];
      for (int i = 0; i < scalars.length; i++) {
        scalars[i] = new Var(names.fresh(a.name() + "_" + i), a.type().element(), Var.Role.LOCAL);
      }
      elements.put(a, scalars);
    }
  }

  Stmt.Block block(Stmt.Block b) {
    List<Stmt> out = new ArrayList<>();
    List<Stmt> statements = b.statements();
    for (int i = 0; i < statements.size(); i++) {
      Stmt s = statements.get(i);
      if (s instanceof Stmt.Assign a && elements.containsKey(a.target())) {
        zeros(a, statements.subList(i + 1, statements.size()), out);
      } else {
        statement(s, out);
      }
    }
    return new Stmt.Block(out);
  }

  /**
   * {@code a = new T[n]}: every element zero again, except those the statements after it set
   * before anything reads them (reverse mode would save the zero it overwrites).
   */
  private void zeros(Stmt.Assign made, List<Stmt> after, List<Stmt> out) {
    Type element = made.target().type().element();
    Var[] scalars = elements.get(made.target());
    for (int c = 0; c < scalars.length; c++) {
      if (!setBeforeRead(made.target(), c, after)) {
        out.add(new Stmt.Assign(scalars[c], new Expr.Const(element.zeroLiteral(), element),
            made.origin()));
      }
    }
  }

  /** Whether the first of {@code after} to touch {@code a[c]} sets it without reading it. */
  private boolean setBeforeRead(Var a, int c, List<Stmt> after) {
    for (Stmt s : after) {
      if (s instanceof Stmt.Store st && st.array() == a && st.kind() == Stmt.StoreKind.SET
          && IntConstants.value(st.indices().get(0), lengths) == c) {
        return !reads(st.value(), a, c);
      }
      if (touches(s, a, c)) {
        return false;
      }
    }
    return false;
  }

  /** Whether {@code s} or a statement in it reads or stores {@code a[c]}, or makes {@code a} anew. */
  private boolean touches(Stmt s, Var a, int c) {
    for (Stmt inner : Statements.all(s)) {
      if ((inner instanceof Stmt.Store st && st.array() == a
          && IntConstants.value(st.indices().get(0), lengths) == c)
          || (inner instanceof Stmt.Assign as && as.target() == a)) {
        return true;
      }
      for (Expr e : Statements.expressions(inner)) {
        if (reads(e, a, c)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean reads(Expr e, Var a, int c) {
    return Occurrences.arrayReads(e).stream().anyMatch(r -> r.array() == a
        && IntConstants.value(r.indices().get(0), lengths) == c);
  }

  private void statement(Stmt s, List<Stmt> out) {
    if (s instanceof Stmt.Assign a) {
      out.add(new Stmt.Assign(a.target(), expr(a.value()), a.origin()));
    } else if (s instanceof Stmt.Store st && elements.containsKey(st.array())) {
      store(st, out);
    } else if (s instanceof Stmt.Store st) {
      out.add(new Stmt.Store(st.array(), exprs(st.indices()), expr(st.value()), st.kind(),
          st.origin()));
    } else if (s instanceof Stmt.If i) {
      out.add(new Stmt.If(expr(i.condition()), block(i.thenBlock()), block(i.elseBlock()),
          i.origin()));
    } else if (s instanceof Stmt.For f) {
      out.add(new Stmt.For(f.index(), expr(f.first()), expr(f.bound()), f.direction(),
          block(f.body()), f.origin(), f.checkpoint()));
    } else if (s instanceof Stmt.Loop l) {
      out.add(new Stmt.Loop(l.counter(), block(l.body()), l.origin()));
    } else if (s instanceof Stmt.Effect e) {
      out.add(new Stmt.Effect((Expr.Call) expr(e.call()), e.origin()));
    } else if (s instanceof Stmt.Block b) {
      out.add(block(b));
    } else {
      out.add(s); // Exit
    }
  }

  /**
   * {@code a[c] = v} becomes {@code a_c = v}; {@code a[c] += v} becomes {@code t = a_c + v;
   * a_c = t}, since an assignment that reads its own target could not be reversed in place.
   */
  private void store(Stmt.Store st, List<Stmt> out) {
    Var target = element(st.array(), st.indices());
    Expr value = expr(st.value());
    if (st.kind() == Stmt.StoreKind.SET) {
      out.add(new Stmt.Assign(target, value, st.origin()));
      return;
    }
    Type type = target.type();
    if (!Expr.isAtom(value)) {
      Var operand = new Var(names.numbered("t"), value.type(), Var.Role.TEMP);
      out.add(new Stmt.Assign(operand, value, st.origin()));
      value = new Expr.Ref(operand);
    }
    Type sum = promoted(type, value.type());
    Var t = new Var(names.numbered("t"), sum, Var.Role.TEMP);
    BinaryOp op = st.kind() == Stmt.StoreKind.ADD ? BinaryOp.ADD : BinaryOp.SUB;
    out.add(new Stmt.Assign(t, new Expr.Binary(op, new Expr.Ref(target), value, sum),
        st.origin()));
    Expr result = new Expr.Ref(t);
    out.add(new Stmt.Assign(target, sum.equals(type) ? result : new Expr.Cast(type, result),
        st.origin()));
  }

  /** Java's binary numeric promotion of an element and an increment. */
  private static Type promoted(Type element, Type increment) {
    for (Type.Kind k : List.of(Type.Kind.DOUBLE, Type.Kind.FLOAT, Type.Kind.LONG)) {
      if (element.kind() == k || increment.kind() == k) {
        return Type.scalar(k);
      }
    }
    return Type.INT;
  }

  private Var element(Var array, List<Expr> indices) {
    return elements.get(array)[IntConstants.value(indices.get(0), lengths)];
  }

  private List<Expr> exprs(List<Expr> es) {
    return ExprRewriter.rewrite(es, this::replacement);
  }

  private Expr expr(Expr e) {
    return ExprRewriter.rewrite(e, this::replacement);
  }

  /** An element's variable, an array's length; null for the nodes rebuilt as they are. */
  private Expr replacement(Expr e) {
    if (e instanceof Expr.ArrayRead r && elements.containsKey(r.array())) {
      return new Expr.Ref(element(r.array(), r.indices()));
    } else if (e instanceof Expr.Length l && l.array() instanceof Expr.Ref r
        && elements.containsKey(r.var())) {
      return new Expr.Const(Integer.toString(lengths.get(r.var())), Type.INT);
    }
    return null;
  }
}
