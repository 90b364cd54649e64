package dev.tapeless.processor.ir;

import java.util.List;

/**
 * Right-hand sides of the IR.
 *
 * <p>Double-valued assignments hold exactly one operation over atoms ({@link Ref} or
 * {@link Const}): three-address form, so each has one derivative rule. Values of other types
 * (int, boolean) never carry a derivative and keep their whole expression tree, which keeps
 * conditions and index arithmetic readable in the generated code.
 */
public sealed interface Expr {

  Type type();

  /** A variable read. */
  record Ref(Var var) implements Expr {
    @Override
    public Type type() {
      return var.type();
    }
  }

  /** A literal, kept as Java source text. */
  record Const(String literal, Type type) implements Expr {}

  /** A unary operation. */
  record Unary(UnaryOp op, Expr operand, Type type) implements Expr {}

  /** A binary operation. */
  record Binary(BinaryOp op, Expr left, Expr right, Type type) implements Expr {}

  /** A primitive conversion. */
  record Cast(Type type, Expr operand) implements Expr {}

  /** {@code c ? a : b} between values that carry no derivative. */
  record Conditional(Expr condition, Expr whenTrue, Expr whenFalse, Type type) implements Expr {}

  /**
   * A static field read. Constants ({@code Math.PI}) are atoms; other fields are read once into a
   * temporary, since nothing guarantees they keep their value until the backward sweep.
   */
  record StaticField(String owner, String name, Type type, boolean constant) implements Expr {}

  /**
   * A static method call; what it means for the derivative depends on its {@link Callee}.
   *
   * @param site the call in the user's source, for errors about its arguments
   */
  record Call(Callee callee, List<Expr> args, Type type, Origin site) implements Expr {
    public Call {
      args = List.copyOf(args);
    }
  }

  /**
   * An array element, or a sub-array when fewer indices than dimensions are given. Indices are
   * int-valued trees. An element read is an atom: the backward sweep reads it again, and
   * {@code Recording} saves elements that are overwritten in between.
   */
  record ArrayRead(Var array, List<Expr> indices, Type type) implements Expr {
    public ArrayRead {
      indices = List.copyOf(indices);
    }
  }

  /** {@code array.length}, where the array is a variable or a sub-array. */
  record Length(Expr array) implements Expr {
    @Override
    public Type type() {
      return Type.INT;
    }
  }

  /**
   * {@code new double[n]} or {@code new double[n][m]}: a zero-filled array that the frame
   * reuses across calls instead of allocating.
   */
  record NewArray(Type type, List<Expr> dimensions) implements Expr {
    public NewArray {
      dimensions = List.copyOf(dimensions);
    }
  }

  /**
   * A derivative rule's template (see {@code rules.Template}) with its placeholders bound to IR
   * values: a partial as the backward sweep multiplies it in. Printed as the template's text, so
   * the rule's own parenthesization is kept; bound only for the placeholders the text uses.
   */
  record Rule(String template, java.util.Map<String, Expr> bindings, Type type) implements Expr {
    public Rule {
      bindings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bindings));
    }
  }

  /**
   * {@code t1 + t2 + ...}: the tangent forward mode gives one statement, a rule's term per
   * operand that has a tangent ({@code $g} bound to that tangent), joined as written. Every
   * template is written to be added (reverse mode adds each into an adjoint with {@code +=}),
   * so the terms need no parentheses of their own.
   */
  record Sum(List<Rule> terms) implements Expr {
    public Sum {
      terms = List.copyOf(terms);
    }

    @Override
    public Type type() {
      return Type.DOUBLE;
    }
  }

  // The forms below occur only in the sweeps the processor builds as IR (reverse mode's, and
  // forward mode's jvp), where the code around a callee's frame, a custom pullback or
  // pushforward and the frame's buffers is made up by the processor.

  /**
   * A field of the generated frame, {@code this.name}, or of the callee frame held in the field
   * {@code frame}, {@code this.frame.name}; an element of it with {@code indices}. Adjoints
   * reach a callee's backward sweep and come back through such fields ({@code dx}, a pullback's
   * scratch array), which no user statement names.
   */
  record Field(String frame, String name, List<Expr> indices, Type type) implements Expr {
    public Field {
      indices = List.copyOf(indices);
    }
  }

  /**
   * {@code object.name}: a field of the user's frame, which the sweeps get as a parameter
   * ({@code frame.dw}, the adjoint field of a parameter; {@code frame.value}).
   */
  record Member(Var object, String name, Type type) implements Expr {}

  /**
   * {@code this.buffer = Buffers.zerosLike(this.buffer, like)}: an adjoint array of the shape
   * of {@code like} (or an output's snapshot, a tangent nobody needs), kept in the frame's
   * reusable field {@code buffer} so that calls after the first allocate nothing.
   */
  record ZerosLike(String buffer, Expr like) implements Expr {
    @Override
    public Type type() {
      return like.type();
    }
  }

  /**
   * {@code this.frame.method(args)}: a method of an object the frame holds in the field
   * {@code frame}: a callee's frame (its primal, split forward or backward sweep, or its
   * forward mode), which the sweeps call in place of the user's call so that the callee's
   * buffers are reused, or
   * the save buffer ({@code popInt}) where a pop is a value rather than a {@link Stmt.Restore}.
   * With {@code frame} null, {@code this.method(args)}: a method of the generated frame itself
   * (the backward sweep, which {@code backpropagate} and {@code splitBackward} both call).
   *
   * @param type the result's type, null for a method that returns nothing
   */
  record FrameCall(String frame, String method, List<Expr> args, Type type) implements Expr {
    public FrameCall {
      args = List.copyOf(args);
    }
  }

  /**
   * {@code Owner.method(args)}: a static method that the sweeps call and the user did not (a
   * custom pullback or pushforward, a runtime helper), so it has no {@link Callee}.
   *
   * @param owner the declaring class, encoded as {@link Callee#owner()} is
   * @param type the result's type, null for a method that returns nothing
   */
  record Invoke(String owner, String method, List<Expr> args, Type type) implements Expr {
    public Invoke {
      args = List.copyOf(args);
    }
  }

  /**
   * {@code this.buffer = Buffers.zeros(this.buffer, dims)}: {@code array} made in the frame's
   * reusable field {@code buffer}, so that calls after the first allocate nothing. When
   * {@code again} is not null the array is made again in a loop and its old contents restored
   * later: {@code Buffers.zerosAgain(this.buffer, again, "again", dims)} keeps its shape.
   */
  record Buffered(String buffer, NewArray array, Var again) implements Expr {
    @Override
    public Type type() {
      return array.type();
    }
  }

  /** True for the operands allowed in a three-address operation. */
  static boolean isAtom(Expr e) {
    return e instanceof Ref || e instanceof Const
        || (e instanceof StaticField f && f.constant())
        || (e instanceof ArrayRead r && r.type().dims() == 0);
  }
}
