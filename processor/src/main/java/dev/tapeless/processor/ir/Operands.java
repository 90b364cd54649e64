package dev.tapeless.processor.ir;

import java.util.List;

/** The operands of a three-address operation, in the order derivative rules number them. */
public final class Operands {
  private Operands() {}

  public static List<Expr> of(Expr operation) {
    if (operation instanceof Expr.Ref || operation instanceof Expr.Const
        || operation instanceof Expr.ArrayRead) {
      return List.of(operation);
    } else if (operation instanceof Expr.Unary u) {
      return List.of(u.operand());
    } else if (operation instanceof Expr.Binary b) {
      return List.of(b.left(), b.right());
    } else if (operation instanceof Expr.Cast c) {
      return List.of(c.operand());
    } else if (operation instanceof Expr.Call c) {
      return c.args();
    } else if (operation instanceof Expr.Conditional c) {
      return List.of(c.condition(), c.whenTrue(), c.whenFalse());
    } else if (operation instanceof Expr.Length l) {
      return List.of(l.array());
    } else if (operation instanceof Expr.NewArray n) {
      return n.dimensions();
    }
    return List.of();
  }

  /** The variables read by index expressions: what addressing an element needs. */
  public static void indexReadsOf(List<Expr> indices, List<Var> into) {
    for (Expr index : indices) {
      readsOf(index, into);
    }
  }

  /** Every variable an expression tree reads, in order, with repeats. */
  public static void readsOf(Expr e, List<Var> into) {
    reads(e, into, true);
  }

  /**
   * The variables whose current values an expression tree reads: like {@link #readsOf}, but an
   * array read only for its {@code .length} is left out, since array variables are never
   * reassigned and writing elements leaves every length as it was.
   */
  public static void valueReadsOf(Expr e, List<Var> into) {
    reads(e, into, false);
  }

  /** {@link #indexReadsOf} without arrays read only for their length. */
  public static void indexValueReadsOf(List<Expr> indices, List<Var> into) {
    for (Expr index : indices) {
      reads(index, into, false);
    }
  }

  private static void reads(Expr e, List<Var> into, boolean lengths) {
    if (e instanceof Expr.Ref r) {
      into.add(r.var());
    } else if (e instanceof Expr.ArrayRead a) {
      into.add(a.array());
      for (Expr index : a.indices()) {
        reads(index, into, lengths);
      }
    } else if (e instanceof Expr.Length l && !lengths) {
      if (l.array() instanceof Expr.ArrayRead row) {
        for (Expr index : row.indices()) {
          reads(index, into, false);
        }
      }
    } else {
      for (Expr part : of(e)) {
        if (part != e) {
          reads(part, into, lengths);
        }
      }
    }
  }
}
