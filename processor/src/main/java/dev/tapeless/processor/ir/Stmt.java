package dev.tapeless.processor.ir;

import java.util.List;

/**
 * Statements of the IR. Control flow stays structured (blocks and ifs; loops come with arrays)
 * so that the generated code keeps the shape of the user's code.
 */
public sealed interface Stmt {

  /**
   * The user statement this came from, for comments in generated code and for error positions;
   * null for statements the processor makes up.
   */
  Origin origin();

  /** {@code target = value}. */
  record Assign(Var target, Expr value, Origin origin) implements Stmt {}

  /** {@code if (condition) thenBlock else elseBlock}; the condition is a boolean atom. */
  record If(Expr condition, Block thenBlock, Block elseBlock, Origin origin) implements Stmt {}

  /** How a {@link Store} combines the value with the element. */
  enum StoreKind {
    SET("="),
    ADD("+="),
    SUB("-=");

    private final String symbol;

    StoreKind(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /**
   * {@code array[i][j] = value}, {@code += value} or {@code -= value}; with no indices, a scalar
   * {@code x += value}, whose reversal only adds to the value's adjoints.
   */
  record Store(Var array, List<Expr> indices, Expr value, StoreKind kind, Origin origin)
      implements Stmt {
    public Store {
      indices = List.copyOf(indices);
    }

    /** The element written, as an expression. */
    public Expr.ArrayRead element() {
      return new Expr.ArrayRead(array, indices, value.type());
    }
  }

  /**
   * A counted loop: {@code for (int index = first; index < bound; index++)} and its three
   * siblings. The index is not assigned in the body and the bounds' variables are not either, so
   * the backward sweep runs the same indices in reverse without saving them.
   */
  record For(Var index, Expr first, Expr bound, Direction direction, Block body, Origin origin,
      int checkpoint) implements Stmt {

    /** Not checkpointed: the value of {@link #checkpoint} for an ordinary loop. */
    public static final int NONE = -1;

    /** A loop without {@code @Checkpoint}; copies made by passes drop the annotation. */
    public For(Var index, Expr first, Expr bound, Direction direction, Block body,
        Origin origin) {
      this(index, first, bound, direction, body, origin, NONE);
    }

    /**
     * Whether the loop has {@code @Checkpoint}: reverse mode then runs it in segments of
     * {@link #checkpoint} iterations (0: the square root of the trip count).
     */
    public boolean checkpointed() {
      return checkpoint != NONE;
    }
  }

  /** The comparison and step of a {@link For}. */
  enum Direction {
    UP_EXCLUSIVE("<", "++"),
    UP_INCLUSIVE("<=", "++"),
    DOWN_EXCLUSIVE(">", "--"),
    DOWN_INCLUSIVE(">=", "--");

    private final String comparison;
    private final String step;

    Direction(String comparison, String step) {
      this.comparison = comparison;
      this.step = step;
    }

    public String comparison() {
      return comparison;
    }

    public String step() {
      return step;
    }

    public boolean up() {
      return this == UP_EXCLUSIVE || this == UP_INCLUSIVE;
    }
  }

  /**
   * Any other loop: {@code while (true) body}, left by {@link Exit}. The forward sweep counts
   * iterations in {@code counter} so the backward sweep can run them in reverse.
   */
  record Loop(Var counter, Block body, Origin origin) implements Stmt {}

  /** Leaves the innermost {@link Loop}; nothing follows it in its block. */
  record Exit(Origin origin) implements Stmt {}

  /** A call for its effect on {@code @Out} arrays, its result (if any) unused. */
  record Effect(Expr.Call call, Origin origin) implements Stmt {}

  /** A sequence of statements. */
  record Block(List<Stmt> statements) implements Stmt {
    public Block {
      statements = List.copyOf(statements);
    }

    @Override
    public Origin origin() {
      return null;
    }
  }

  // The forms below occur only in the sweeps the processor builds as IR (reverse mode's forward
  // sweep with its saves and backward sweep, forward mode's jvp), not in a method's own IR.

  /**
   * {@code // text}: names the user statement whose reversal follows, or a sweep; an empty
   * text is a blank line, which sets the backward sweep apart from the forward.
   */
  record Comment(String text) implements Stmt {
    @Override
    public Origin origin() {
      return null;
    }
  }

  /**
   * The backward sweep of the counted loop {@code loop}: its indices visited from last to first,
   * or, when {@code anyOrder} (its iterations are independent), in the loop's own order.
   */
  record Reversed(For loop, Block body, boolean anyOrder) implements Stmt {
    @Override
    public Origin origin() {
      return loop.origin();
    }
  }

  /**
   * The backward sweep of the user's statement {@code of}, printed as {@code code}: the link
   * lets passes over the backward sweep see what each group reverses (a loop's statements, a
   * branch's condition). Its code may print nothing.
   */
  record Reversal(Stmt of, Block code) implements Stmt {
    @Override
    public Origin origin() {
      return null;
    }
  }

  /**
   * {@code target = this.buffer.popDouble()} (or the pop of the target's type): a scalar or an
   * element the forward sweep saved before overwriting it, put back.
   */
  record Restore(String buffer, Expr target) implements Stmt {
    @Override
    public Origin origin() {
      return null;
    }
  }

  /**
   * {@code this.buffer.pushDouble(value)} (or the push of the value's type): the forward sweep
   * saving a scalar or an element it is about to overwrite.
   */
  record Save(String buffer, Expr value) implements Stmt {
    @Override
    public Origin origin() {
      return null;
    }
  }

  /**
   * {@code array[top++] = value}, after {@code array = this.buffer.growDoubles()} when the
   * array is full: a {@link Save} of a double or float through the locals a loop holds the
   * double stack in (see {@code reverse.SaveCursors}).
   */
  record CursorSave(String buffer, Var array, Var top, Expr value) implements Stmt {
    @Override
    public Origin origin() {
      return null;
    }
  }

  /**
   * {@code target = array[--top]} (a float's narrowed back): a {@link Restore} of a double or
   * float through the locals a loop holds the double stack in.
   */
  record CursorRestore(Var array, Var top, Expr target) implements Stmt {
    @Override
    public Origin origin() {
      return null;
    }
  }

  /**
   * {@code this.buffer.pushAll(region)}; when {@code allocated} (an array allocated again in a
   * loop), only if the array exists yet, followed by a flag that says whether it did.
   */
  record SaveAll(String buffer, Expr region, boolean allocated) implements Stmt {
    @Override
    public Origin origin() {
      return null;
    }
  }

  /**
   * {@code this.buffer.popAll(region)}: an array region put back; when {@code allocated}, only if
   * the forward sweep saved one (an array allocated again in a loop has none the first time).
   */
  record RestoreAll(String buffer, Expr region, boolean allocated) implements Stmt {
    @Override
    public Origin origin() {
      return null;
    }
  }

  /**
   * {@code this.buffer.pushInt(...)} of each length of {@code array}'s dimensions, innermost
   * first (0 under an empty outer one), then its own length: split mode saves an array local's
   * shape with its contents, since other calls on the frame may reshape its buffer before the
   * backward sweep makes it again from these lengths.
   */
  record SaveShape(String buffer, Var array) implements Stmt {
    @Override
    public Origin origin() {
      return null;
    }
  }

  /** {@code Buffers.fill(array, 0)}: an adjoint array back to zeros. */
  record Zero(Expr array) implements Stmt {
    @Override
    public Origin origin() {
      return null;
    }
  }

  /** {@code Type var = value}: a local declared where it is first assigned, or a hoisted row. */
  record Declare(Var var, Expr value) implements Stmt {
    @Override
    public Origin origin() {
      return null;
    }
  }

  /**
   * {@code if (f1 || f2 ...) throw new ArrayIndexOutOfBoundsException(message)}: a test whose
   * failures are comparisons (an index's with a constant written as is, even when negative).
   */
  record Check(List<Expr> failures, String message) implements Stmt {
    public Check {
      failures = List.copyOf(failures);
    }

    @Override
    public Origin origin() {
      return null;
    }
  }

  /**
   * {@code for (int index = first; index < bound; index += step)}, or when not {@code up}
   * {@code for (int index = first; index >= bound; index -= step)}: the segments of a
   * {@code @Checkpoint} loop, which the forward sweep visits first to last and the backward
   * sweep last to first. Not a {@link For}: its step is a value, and passes over the backward
   * sweep only look into its body.
   */
  record Strided(Var index, Expr first, Expr bound, Expr step, boolean up, Block body)
      implements Stmt {
    @Override
    public Origin origin() {
      return null;
    }

    /** The same loop over {@code other}, for passes that rewrite bodies. */
    public Strided withBody(Block other) {
      return new Strided(index, first, bound, step, up, other);
    }
  }

  /**
   * {@code call;}: a call the sweeps make for its effect ({@link Expr.FrameCall},
   * {@link Expr.Invoke}), or a frame's buffer made ({@link Expr.ZerosLike}); unlike an
   * {@link Effect}, not the user's, so no analysis reads it.
   */
  record Run(Expr call) implements Stmt {
    @Override
    public Origin origin() {
      return null;
    }
  }

  /**
   * {@code this.frame.name = value}: points a callee frame's adjoint field at the caller's
   * adjoint array, or clears a scalar one, before the callee's backward sweep adds into it; or
   * sets a field of this frame or of the user's ({@link Expr.Member}: {@code frame.value}), or
   * adds to one ({@code frame.dx += xBar}).
   */
  record SetField(Expr field, Expr value, StoreKind kind) implements Stmt {
    /** {@code field = value}. */
    public SetField(Expr field, Expr value) {
      this(field, value, StoreKind.SET);
    }

    @Override
    public Origin origin() {
      return null;
    }
  }
}
