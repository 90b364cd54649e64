package dev.tapeless.processor.ir;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds IR by hand, with no javac and no source file, so that a phase can be tested on exactly
 * the program it is about. Statements get plain-text origins ({@link Origin#of}) that read like
 * the code they stand for.
 */
public final class HandBuiltIr {
  private HandBuiltIr() {}

  public static final Type DOUBLE_ARRAY = new Type(Type.Kind.DOUBLE, 1);

  public static Var param(String name) {
    return new Var(name, Type.DOUBLE, Var.Role.PARAMETER);
  }

  public static Var param(String name, Type type) {
    return new Var(name, type, Var.Role.PARAMETER);
  }

  public static Var local(String name) {
    return new Var(name, Type.DOUBLE, Var.Role.LOCAL);
  }

  public static Var local(String name, Type type) {
    return new Var(name, type, Var.Role.LOCAL);
  }

  public static Var index(String name) {
    return new Var(name, Type.INT, Var.Role.INDEX);
  }

  public static Var result() {
    return new Var("result", Type.DOUBLE, Var.Role.RESULT);
  }

  public static Expr.Ref ref(Var v) {
    return new Expr.Ref(v);
  }

  public static Expr.Const num(double value) {
    return new Expr.Const(Double.toString(value), Type.DOUBLE);
  }

  public static Expr.Const integer(int value) {
    return new Expr.Const(Integer.toString(value), Type.INT);
  }

  public static Expr.Binary mul(Expr left, Expr right) {
    return new Expr.Binary(BinaryOp.MUL, left, right, left.type());
  }

  public static Expr.Binary add(Expr left, Expr right) {
    return new Expr.Binary(BinaryOp.ADD, left, right, left.type());
  }

  public static Expr.ArrayRead at(Var array, Expr index) {
    return new Expr.ArrayRead(array, List.of(index), array.type().indexed(1));
  }

  public static Expr.NewArray newArray(Type type, Expr size) {
    return new Expr.NewArray(type, List.of(size));
  }

  /** {@code target = value}, its origin the source text {@code code}. */
  public static Stmt.Assign assign(Var target, Expr value, String code) {
    return new Stmt.Assign(target, value, Origin.of(code));
  }

  /** {@code array[index] = value}. */
  public static Stmt.Store store(Var array, Expr index, Expr value, String code) {
    return new Stmt.Store(array, List.of(index), value, Stmt.StoreKind.SET, Origin.of(code));
  }

  /** {@code for (int index = first; index < bound; index++) body}. */
  public static Stmt.For upTo(Var index, Expr first, Expr bound, String code, Stmt... body) {
    return new Stmt.For(index, first, bound, Stmt.Direction.UP_EXCLUSIVE, block(body),
        Origin.of(code));
  }

  public static Stmt.Block block(Stmt... statements) {
    return new Stmt.Block(List.of(statements));
  }

  /** A method of {@code body}, the names of its variables taken. */
  public static IrMethod method(String name, List<Var> parameters, Var result, Stmt... body) {
    Stmt.Block block = block(body);
    Set<String> used = new HashSet<>();
    parameters.forEach(p -> used.add(p.name()));
    used.add(result.name());
    for (Stmt s : Statements.all(block)) {
      Var w = Statements.written(s);
      if (w != null) {
        used.add(w.name());
      }
      if (s instanceof Stmt.For f) {
        used.add(f.index().name());
      }
    }
    return new IrMethod(name, parameters, block, result, used);
  }

  public static List<Var> vars(Var... vars) {
    return Arrays.asList(vars);
  }
}
