package dev.tapeless.fuzz.ast;

import java.util.List;

/** Statements of a generated program; blocks are plain lists. */
public sealed interface Stmt {
  /** {@code type name = init;} */
  record Local(Ty type, String name, Expr init) implements Stmt {}

  /** {@code target op value;} where target is a {@link Expr.Ref} or an {@link Expr.Index}. */
  record Assign(Expr target, AssignOp op, Expr value) implements Stmt {}

  /** {@code target++;} or {@code target--;} (also on doubles and array elements). */
  record Step(Expr target, boolean increment) implements Stmt {}

  /** {@code if (c) {...} else {...}}; {@code otherwise} empty means no else. */
  record If(Expr condition, List<Stmt> then, List<Stmt> otherwise) implements Stmt {
    public If {
      then = List.copyOf(then);
      otherwise = List.copyOf(otherwise);
    }
  }

  /**
   * {@code for (init; condition; update) {...}}; init is a {@link Local} of the index or null,
   * update a {@link Step} or an {@link Assign}. {@code checkpoint}: the index carries
   * {@code @Checkpoint} (0: without {@code every}, else its segment length), or {@link #NONE}.
   */
  record For(Stmt init, Expr condition, Stmt update, List<Stmt> body, int checkpoint)
      implements Stmt {
    /** No {@code @Checkpoint}. */
    public static final int NONE = -1;

    public For {
      body = List.copyOf(body);
    }

    /** A loop without {@code @Checkpoint}. */
    public For(Stmt init, Expr condition, Stmt update, List<Stmt> body) {
      this(init, condition, update, body, NONE);
    }

    /** Whether the index carries {@code @Checkpoint}. */
    public boolean checkpointed() {
      return checkpoint != NONE;
    }
  }

  /** {@code for (elementType name : array) {...}}. */
  record ForEach(Ty elementType, String name, Expr array, List<Stmt> body) implements Stmt {
    public ForEach {
      body = List.copyOf(body);
    }
  }

  /** {@code while (c) {...}}. */
  record While(Expr condition, List<Stmt> body) implements Stmt {
    public While {
      body = List.copyOf(body);
    }
  }

  /** {@code do {...} while (c);}. */
  record DoWhile(List<Stmt> body, Expr condition) implements Stmt {
    public DoWhile {
      body = List.copyOf(body);
    }
  }

  /** {@code break;} */
  record Break() implements Stmt {}

  /** {@code continue;} */
  record Continue() implements Stmt {}

  /** {@code return value;}, or {@code return;} when value is null. */
  record Return(Expr value) implements Stmt {}

  /** A call made for its {@code @Out} arrays. */
  record Effect(Expr.Call call) implements Stmt {}

  /** {@code java.util.Arrays.fill(array, value);} */
  record Fill(Expr array, Expr value) implements Stmt {}

  /** {@code System.arraycopy(source, 0, target, 0, length);} */
  record Copy(Expr source, Expr target, Expr length) implements Stmt {}
}
