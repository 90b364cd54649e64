package dev.tapeless.processor.inlining;

import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import java.util.List;
import java.util.function.Function;

/**
 * A method with its small {@code @Differentiable} callees of the same package inlined, for the
 * gradient and {@code jvp}. Called through its frame, a callee costs its split entry points on
 * every call: an aliasing and a shape check, saves into a buffer of its own, a call each way.
 * In a time loop of small steps that was most of the time (an RK4 step calling its right-hand
 * side four times took about ten times its primal). Inlined, the step is one loop body whose
 * saves go to the caller's buffer. These keep their frames: large callees, callees that call
 * runtime kernels, callees taking objects or lists (which the sweeps never save), callees with a
 * checkpointed loop (and every callee of a method with one), callees with
 * local arrays of a size other than a constant (inlined in a loop, an array sized by a row of a
 * jagged matrix would change shape between iterations, which a frame of its own allows), and
 * every callee when inlining would make the gradient too large for HotSpot to compile (see
 * {@code MethodCompiler}). Second order inlines every callee anyway.
 */
public final class SmallCallees {
  /** A callee with more IR statements than this keeps its frame. */
  static final int MAX_CALLEE_STATEMENTS = 60;
  /** Inlining stops where the caller would grow beyond this many IR statements. */
  static final int MAX_STATEMENTS = 300;
  /** Levels of calls inlined at most. */
  private static final int MAX_DEPTH = 4;

  private SmallCallees() {}

  /**
   * {@code ir} with its small callees in package {@code packageName} inlined (those whose
   * body {@code bodies} gives); {@code ir} itself when none is.
   */
  public static IrMethod inline(IrMethod ir, String packageName, List<Var> seeds,
      List<Var> outputs, Function<Callee.Differentiable, IrMethod> bodies) {
    Function<Callee.Differentiable, IrMethod> small = d -> {
      if (!d.packageName().equals(packageName)) {
        return null; // its body may use what only its own package can reach
      }
      IrMethod body = bodies.apply(d);
      return body != null && inlinable(body) ? body : null;
    };
    if (checkpoints(ir)) {
      return ir; // a checkpointed loop runs its body again from saved state: keep it as written
    }
    IrMethod current = ir;
    for (int depth = 0; depth < MAX_DEPTH; depth++) {
      CalleeInliner pass = CalleeInliner.inlineOnce(current, seeds, outputs, small);
      if (!pass.inlinedAny()
          || Statements.all(pass.method().body()).size() > MAX_STATEMENTS) {
        break;
      }
      current = pass.method();
    }
    return current;
  }

  /** Small, no kernels, arrays of constant size only, no checkpointed loop, no object or list. */
  private static boolean inlinable(IrMethod body) {
    return Statements.all(body.body()).size() <= MAX_CALLEE_STATEMENTS && !callsKernels(body)
        && !sizesArraysByItsArguments(body) && !checkpoints(body)
        && body.parameters().stream().noneMatch(p -> p.type().isObject() || p.type().isList());
  }

  /** Whether a body has a loop with {@code @Checkpoint}. */
  private static boolean checkpoints(IrMethod body) {
    return Statements.all(body.body()).stream()
        .anyMatch(s -> s instanceof Stmt.For f && f.checkpointed());
  }

  /** Whether a body creates an array whose size is not a constant. */
  private static boolean sizesArraysByItsArguments(IrMethod body) {
    return Statements.assignments(body.body()).stream()
        .anyMatch(a -> a.value() instanceof Expr.NewArray n
            && n.dimensions().stream().anyMatch(d -> !(d instanceof Expr.Const)));
  }

  /**
   * Whether a body calls runtime kernels: a layer (an LSTM cell, a dense layer), whose kernels
   * cost far more than the call into its frame, and whose generated code the benchmarks time
   * against hand-written backprop as it is.
   */
  private static boolean callsKernels(IrMethod body) {
    return Statements.all(body.body()).stream()
        .anyMatch(s -> Statements.value(s) instanceof Expr.Call c
            && c.callee() instanceof Callee.Custom);
  }
}
