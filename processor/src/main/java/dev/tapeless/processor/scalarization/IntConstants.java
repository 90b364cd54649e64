package dev.tapeless.processor.scalarization;

import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.Map;

/** The value of an {@code int} expression built from literals, when it has one at compile time. */
final class IntConstants {
  private IntConstants() {}

  /**
   * The value, or null when {@code e} is not such an expression (or overflows); {@code lengths}
   * gives the lengths of arrays that have one.
   */
  static Integer value(Expr e, Map<Var, Integer> lengths) {
    if (!e.type().equals(Type.INT)) {
      return null;
    }
    if (e instanceof Expr.Const c) {
      try {
        return Integer.parseInt(c.literal());
      } catch (NumberFormatException notDecimal) {
        return null;
      }
    } else if (e instanceof Expr.Length l && l.array() instanceof Expr.Ref r) {
      return lengths.get(r.var());
    } else if (e instanceof Expr.Unary u && u.op() == dev.tapeless.processor.ir.UnaryOp.NEG) {
      Integer v = value(u.operand(), lengths);
      return v == null || v == Integer.MIN_VALUE ? null : -v;
    } else if (e instanceof Expr.Binary b) {
      Integer l = value(b.left(), lengths);
      Integer r = value(b.right(), lengths);
      if (l == null || r == null) {
        return null;
      }
      try {
        return switch (b.op()) {
          case ADD -> Math.addExact(l, r);
          case SUB -> Math.subtractExact(l, r);
          case MUL -> Math.multiplyExact(l, r);
          default -> null;
        };
      } catch (ArithmeticException overflow) {
        return null;
      }
    }
    return null;
  }
}
