package dev.tapeless.processor.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * The expressions an expression holds directly, for every kind, the sweeps' own forms
 * included: one list of what each kind contains, for the passes that must see every
 * variable or call in a tree (a kind they skipped could hide a read).
 */
public final class Subexpressions {
  private Subexpressions() {}

  public static List<Expr> of(Expr e) {
    if (e instanceof Expr.Ref || e instanceof Expr.Const || e instanceof Expr.StaticField
        || e instanceof Expr.Member) {
      return List.of();
    } else if (e instanceof Expr.Unary u) {
      return List.of(u.operand());
    } else if (e instanceof Expr.Binary b) {
      return List.of(b.left(), b.right());
    } else if (e instanceof Expr.Cast c) {
      return List.of(c.operand());
    } else if (e instanceof Expr.Conditional c) {
      return List.of(c.condition(), c.whenTrue(), c.whenFalse());
    } else if (e instanceof Expr.Call c) {
      return c.args();
    } else if (e instanceof Expr.ArrayRead a) {
      return a.indices();
    } else if (e instanceof Expr.Length l) {
      return List.of(l.array());
    } else if (e instanceof Expr.NewArray n) {
      return n.dimensions();
    } else if (e instanceof Expr.Rule r) {
      return new ArrayList<>(r.bindings().values());
    } else if (e instanceof Expr.Sum s) {
      return new ArrayList<>(s.terms());
    } else if (e instanceof Expr.Field f) {
      return f.indices();
    } else if (e instanceof Expr.ZerosLike z) {
      return List.of(z.like());
    } else if (e instanceof Expr.FrameCall c) {
      return c.args();
    } else if (e instanceof Expr.Invoke i) {
      return i.args();
    } else if (e instanceof Expr.Buffered b) {
      return List.of(b.array());
    }
    throw new IllegalStateException("an expression kind Subexpressions does not know: " + e);
  }
}
