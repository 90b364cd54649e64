package dev.tapeless.fuzz.ast;

import java.util.List;

/**
 * Expressions of a generated program. Immutable, so the reducer can rebuild trees freely and
 * both printers see exactly the same program.
 */
public sealed interface Expr {
  /** The static Java type of this expression. */
  Ty type();

  /** A double literal. */
  record DLit(double value) implements Expr {
    @Override
    public Ty type() {
      return Ty.DOUBLE;
    }
  }

  /** An int or long literal. */
  record ILit(long value, Ty type) implements Expr {}

  /** {@code true} or {@code false}. */
  record BLit(boolean value) implements Expr {
    @Override
    public Ty type() {
      return Ty.BOOLEAN;
    }
  }

  /** A local variable or parameter. */
  record Ref(String name, Ty type) implements Expr {}

  /** A static constant: {@code Math.PI} or one of the class's {@code static final double}s. */
  record Const(String text) implements Expr {
    @Override
    public Ty type() {
      return Ty.DOUBLE;
    }
  }

  /** Unary minus on a number. */
  record Neg(Expr operand) implements Expr {
    @Override
    public Ty type() {
      return operand.type() == Ty.DOUBLE ? Ty.DOUBLE
          : operand.type() == Ty.LONG ? Ty.LONG : Ty.INT;
    }
  }

  /** Logical not. */
  record Not(Expr operand) implements Expr {
    @Override
    public Ty type() {
      return Ty.BOOLEAN;
    }
  }

  /** A binary operator; numeric operands may differ in type (Java promotes them). */
  record Bin(Op op, Expr left, Expr right) implements Expr {
    @Override
    public Ty type() {
      return op.isArithmetic() ? Ty.promote(left.type(), right.type()) : Ty.BOOLEAN;
    }
  }

  /** {@code c ? a : b}, both branches of one type. */
  record Cond(Expr condition, Expr ifTrue, Expr ifFalse) implements Expr {
    @Override
    public Ty type() {
      return ifTrue.type().isNumeric() && ifFalse.type().isNumeric()
          ? Ty.promote(ifTrue.type(), ifFalse.type()) : ifTrue.type();
    }
  }

  /** A cast between int, long and double. */
  record Cast(Ty to, Expr operand) implements Expr {
    @Override
    public Ty type() {
      return to;
    }
  }

  /**
   * {@code Math.fn(args)} or {@code StrictMath.fn(args)}. abs, max and min on integral
   * arguments are the integral overloads.
   */
  record MathCall(String fn, boolean strict, List<Expr> args) implements Expr {
    public MathCall {
      args = List.copyOf(args);
    }

    @Override
    public Ty type() {
      if (fn.equals("abs") || fn.equals("max") || fn.equals("min")) {
        Ty t = args.get(0).type();
        for (Expr a : args) {
          t = Ty.promote(t, a.type());
        }
        return t;
      }
      return Ty.DOUBLE;
    }
  }

  /** {@code array[index]}: an element, or a row of a matrix. */
  record Index(Expr array, Expr index) implements Expr {
    @Override
    public Ty type() {
      return array.type().element();
    }
  }

  /** {@code array.length}. */
  record Length(Expr array) implements Expr {
    @Override
    public Ty type() {
      return Ty.INT;
    }
  }

  /** {@code array.clone()} of a {@code double[]}, only as a local's initializer. */
  record Clone(Expr array) implements Expr {
    @Override
    public Ty type() {
      return Ty.DARR;
    }
  }

  /** {@code new double[d0]} or {@code new double[d0][d1]}, only as a local's initializer. */
  record NewArray(Ty type, List<Expr> dims) implements Expr {
    public NewArray {
      dims = List.copyOf(dims);
    }
  }

  /** {@code {a, b}}: a {@code double[]} initializer, only as a local's initializer. */
  record ArrayInit(List<Expr> elements) implements Expr {
    public ArrayInit {
      elements = List.copyOf(elements);
    }

    @Override
    public Ty type() {
      return Ty.DARR;
    }
  }

  /** A call; {@code name} is the method name, or {@code Class.method} for kernels. */
  record Call(CallKind kind, String name, List<Expr> args, Ty type) implements Expr {
    public Call {
      args = List.copyOf(args);
    }
  }

  /**
   * {@code v++} used as a value (only the off-by-default {@code x[i++]} feature makes these):
   * the variable's value before the increment.
   */
  record PostInc(Ref variable) implements Expr {
    @Override
    public Ty type() {
      return variable.type();
    }
  }

  /**
   * {@code rng.nextDouble()}, {@code rng.nextGaussian()} or {@code rng.nextInt(bound)} on a
   * {@code @NoDerivative} random source: a constant to the derivative, drawn once where Java
   * evaluates it.
   */
  record Draw(String object, String method, Expr bound) implements Expr {
    @Override
    public Ty type() {
      return method.equals("nextInt") ? Ty.INT : Ty.DOUBLE;
    }
  }

  /** {@code xs.get(index)}: a row of a read-only list of arrays. */
  record ListGet(Expr list, Expr index) implements Expr {
    @Override
    public Ty type() {
      return list.type().listElement();
    }
  }

  /** {@code xs.size()}. */
  record Size(Expr list) implements Expr {
    @Override
    public Ty type() {
      return Ty.INT;
    }
  }
}
