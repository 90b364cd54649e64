package dev.tapeless.processor.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Rebuilds an expression tree with some of its nodes replaced, for the IR-to-IR passes. */
public final class ExprRewriter {
  private ExprRewriter() {}

  /**
   * {@code e} with each node for which {@code replacement} answers non-null replaced by that
   * answer (not looked into further), every other node rebuilt over its rewritten children.
   */
  public static Expr rewrite(Expr e, Function<Expr, Expr> replacement) {
    Expr replaced = replacement.apply(e);
    if (replaced != null) {
      return replaced;
    } else if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), rewrite(u.operand(), replacement), u.type());
    } else if (e instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), rewrite(b.left(), replacement),
          rewrite(b.right(), replacement), b.type());
    } else if (e instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), rewrite(c.operand(), replacement));
    } else if (e instanceof Expr.Conditional c) {
      return new Expr.Conditional(rewrite(c.condition(), replacement),
          rewrite(c.whenTrue(), replacement), rewrite(c.whenFalse(), replacement), c.type());
    } else if (e instanceof Expr.Call c) {
      return new Expr.Call(c.callee(), rewrite(c.args(), replacement), c.type(), c.site());
    } else if (e instanceof Expr.ArrayRead a) {
      return new Expr.ArrayRead(a.array(), rewrite(a.indices(), replacement), a.type());
    } else if (e instanceof Expr.Length l) {
      return new Expr.Length(rewrite(l.array(), replacement));
    } else if (e instanceof Expr.NewArray n) {
      return new Expr.NewArray(n.type(), rewrite(n.dimensions(), replacement));
    }
    return e; // Ref, Const, StaticField
  }

  /** Each of {@code es} rewritten. */
  public static List<Expr> rewrite(List<Expr> es, Function<Expr, Expr> replacement) {
    List<Expr> out = new ArrayList<>();
    for (Expr e : es) {
      out.add(rewrite(e, replacement));
    }
    return out;
  }
}
