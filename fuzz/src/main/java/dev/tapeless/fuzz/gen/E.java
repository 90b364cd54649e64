package dev.tapeless.fuzz.gen;

import dev.tapeless.fuzz.ast.Expr;
import dev.tapeless.fuzz.ast.Op;
import dev.tapeless.fuzz.ast.Ty;
import java.util.List;

/** Short constructors for expressions, so generator code reads like the Java it writes. */
final class E {
  private E() {}

  static Expr d(double v) {
    return new Expr.DLit(v);
  }

  static Expr i(int v) {
    return new Expr.ILit(v, Ty.INT);
  }

  static Expr l(long v) {
    return new Expr.ILit(v, Ty.LONG);
  }

  static Expr bin(Op op, Expr a, Expr b) {
    return new Expr.Bin(op, a, b);
  }

  static Expr add(Expr a, Expr b) {
    return bin(Op.ADD, a, b);
  }

  static Expr sub(Expr a, Expr b) {
    return bin(Op.SUB, a, b);
  }

  static Expr mul(Expr a, Expr b) {
    return bin(Op.MUL, a, b);
  }

  static Expr rem(Expr a, Expr b) {
    return bin(Op.REM, a, b);
  }

  static Expr math(String fn, boolean strict, Expr... args) {
    if (fn.equals("signum") && args[0].type() != Ty.DOUBLE) {
      // signum(int) would be signum(float): keep to the double overload.
      args = new Expr[] {new Expr.Cast(Ty.DOUBLE, args[0])};
    }
    return new Expr.MathCall(fn, strict, List.of(args));
  }

  static Expr index(Expr array, Expr idx) {
    return new Expr.Index(array, idx);
  }

  static Expr len(Expr array) {
    return new Expr.Length(array);
  }
}
