package dev.tapeless.processor.reverse;

import dev.tapeless.processor.frontend.DifferentiableSignature;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the backward sweep's method can take the primal locals as arguments and still be
 * compiled by the JIT. The JVM allows 255 parameter slots, but HotSpot's C2 compiler on x86-64
 * gives up on a method whose arguments need more than 96 stack slots, and on every method that
 * calls it ("COMPILE SKIPPED: unsupported calling sequence"): the first 6 integer or reference
 * arguments ({@code this} included) and the first 8 floating-point ones travel in registers,
 * each further one takes two stack slots. Both methods then run as C1 code: the RK4 misfit's
 * gradient, whose backward sweep took 96 doubles, became 1.4 times slower. Measured on JDK 17
 * with static and instance methods of {@code int}, {@code double} and mixed arguments (56
 * doubles compile, 57 do not; 54 ints compile, 56 do not); JDK 25 allows more. Beyond the
 * budget the backward sweep restores the locals from the save buffer instead.
 */
final class BackwardSweepArguments {
  /** Integer and reference arguments HotSpot passes in registers on x86-64. */
  static final int INTEGER_REGISTERS = 6;
  /** Floating-point arguments HotSpot passes in registers on x86-64. */
  static final int FLOAT_REGISTERS = 8;
  /** The stack slots of arguments C2 compiles on JDK 17, two per argument. */
  static final int STACK_SLOTS = 96;

  private BackwardSweepArguments() {}

  /**
   * Whether {@code this.backwardSweep(frame, parameters..., seeds..., overwrite, locals...)}
   * stays within the budget.
   */
  static boolean fit(DifferentiableSignature sig, IrMethod method, boolean overwrites,
      List<Var> locals) {
    List<Type> args = new ArrayList<>();
    args.add(Type.object("this"));
    args.add(Type.object("frame"));
    for (Var p : method.parameters()) {
      args.add(p.type());
    }
    if (sig.returnsReal()) {
      args.add(method.result().type());
    }
    for (Callee.Param p : sig.params()) {
      if (p.out()) {
        args.add(p.type());
      }
    }
    if (overwrites) {
      args.add(Type.BOOLEAN);
    }
    for (Var v : locals) {
      args.add(v.type());
    }
    return stackSlots(args) <= STACK_SLOTS;
  }

  /**
   * The locals the backward sweep takes as arguments: all of them when they fit the budget,
   * else none. Passing as many as fit and restoring the rest was measured too, and was slower
   * than restoring them all (the RK4 misfit's gradient 13.9 against 11.6 µs, with two copies of
   * the sweep 10.5): with some fifty {@code double} arguments live from the method's entry, C2's
   * code for the sweep's loops got worse.
   */
  static List<Var> passed(DifferentiableSignature sig, IrMethod method, boolean overwrites,
      List<Var> locals) {
    return fit(sig, method, overwrites, locals) ? locals : List.of();
  }

  /** The stack slots arguments of these types take once the registers are used up. */
  static int stackSlots(List<Type> args) {
    int floats = 0;
    int others = 0;
    for (Type t : args) {
      if (!t.isArray() && (t.kind() == Type.Kind.DOUBLE || t.kind() == Type.Kind.FLOAT)) {
        floats++;
      } else {
        others++;
      }
    }
    return 2 * (Math.max(0, floats - FLOAT_REGISTERS) + Math.max(0, others - INTEGER_REGISTERS));
  }
}
