package dev.tapeless.processor.frontend;

import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Type;

/** Java source text for constant values, as javac reports them. */
final class Literals {
  private Literals() {}

  static Expr.Const of(Object value) {
    if (value instanceof Double d) {
      return new Expr.Const(Double.isFinite(d) ? Double.toString(d) : special("Double", d),
          Type.DOUBLE);
    } else if (value instanceof Float f) {
      return new Expr.Const(Float.isFinite(f) ? f + "f" : special("Float", f), Type.FLOAT);
    } else if (value instanceof Integer i) {
      return new Expr.Const(Integer.toString(i), Type.INT);
    } else if (value instanceof Long l) {
      return new Expr.Const(l + "L", Type.scalar(Type.Kind.LONG));
    } else if (value instanceof Boolean b) {
      return new Expr.Const(b.toString(), Type.BOOLEAN);
    } else if (value instanceof Short s) {
      return new Expr.Const("(short) " + s, Type.scalar(Type.Kind.SHORT));
    } else if (value instanceof Byte b) {
      return new Expr.Const("(byte) " + b, Type.scalar(Type.Kind.BYTE));
    } else if (value instanceof Character c) {
      return new Expr.Const("'\\u" + String.format("%04x", (int) c) + "'",
          Type.scalar(Type.Kind.CHAR));
    }
    throw new IllegalArgumentException("not a supported constant: " + value);
  }

  /** NaN and the infinities, which have no literal (a hidden constant may hold one). */
  private static String special(String box, double v) {
    return box + (Double.isNaN(v) ? ".NaN" : v > 0 ? ".POSITIVE_INFINITY" : ".NEGATIVE_INFINITY");
  }
}
