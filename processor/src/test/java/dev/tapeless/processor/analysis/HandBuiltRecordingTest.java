package dev.tapeless.processor.analysis;

import static dev.tapeless.processor.ir.HandBuiltIr.add;
import static dev.tapeless.processor.ir.HandBuiltIr.assign;
import static dev.tapeless.processor.ir.HandBuiltIr.index;
import static dev.tapeless.processor.ir.HandBuiltIr.integer;
import static dev.tapeless.processor.ir.HandBuiltIr.local;
import static dev.tapeless.processor.ir.HandBuiltIr.method;
import static dev.tapeless.processor.ir.HandBuiltIr.mul;
import static dev.tapeless.processor.ir.HandBuiltIr.param;
import static dev.tapeless.processor.ir.HandBuiltIr.ref;
import static dev.tapeless.processor.ir.HandBuiltIr.result;
import static dev.tapeless.processor.ir.HandBuiltIr.upTo;
import static dev.tapeless.processor.ir.HandBuiltIr.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the forward sweep saves for a value a loop overwrites, on IR built by hand: the old value
 * exactly when the reversal of an earlier write still reads it.
 */
class HandBuiltRecordingTest {
  private final Var x = param("x");
  private final Var s = local("s");
  private final Var i = index("i");
  private final Var result = result();

  private Recording recordingOf(Stmt.Assign update) {
    IrMethod program = method("power", vars(x), result,
        assign(s, ref(x), "double s = x"),
        upTo(i, integer(0), integer(3), "for (int i = 0; i < 3; i++)", update),
        assign(result, ref(s), "return s"));
    return Recording.of(program, Activity.of(program, List.of(x), List.of(result)));
  }

  @Test
  void aProductInALoopSavesTheFactorItOverwrites() {
    Stmt.Assign update = assign(s, mul(ref(s), ref(x)), "s = s * x");
    Recording recording = recordingOf(update);
    assertEquals(List.of(s), recording.savedBy(update),
        "reversing s * x needs the s of that iteration, which the next one overwrites");
  }

  @Test
  void aSumInALoopSavesNothing() {
    Stmt.Assign update = assign(s, add(ref(s), ref(x)), "s = s + x");
    Recording recording = recordingOf(update);
    assertTrue(recording.savedBy(update).isEmpty(),
        () -> "the adjoint of a sum reads no operand, yet saved " + recording.savedBy(update));
  }

  @Test
  void anIntegerStepIsUndoneInsteadOfSaved() {
    Var k = local("k", dev.tapeless.processor.ir.Type.INT);
    Var a = param("a", dev.tapeless.processor.ir.HandBuiltIr.DOUBLE_ARRAY);
    Stmt.Assign step = assign(k, add(ref(k), integer(1)), "k++");
    Stmt.Assign read = assign(s, mul(ref(s),
        new Expr.ArrayRead(a, List.of(ref(k)), dev.tapeless.processor.ir.Type.DOUBLE)),
        "s = s * a[k]");
    IrMethod program = method("product", vars(a), result,
        assign(k, integer(0), "int k = 0"),
        assign(s, integer(1), "double s = 1"),
        upTo(i, integer(0), integer(3), "for (int i = 0; i < 3; i++)", read, step),
        assign(result, ref(s), "return s"));
    Recording recording =
        Recording.of(program, Activity.of(program, List.of(a), List.of(result)));
    assertTrue(Recording.invertible(step));
    assertTrue(recording.isInverted(step), "k is read again by the reversal of s * a[k]");
    assertTrue(recording.savedBy(step).isEmpty());
    assertEquals(List.of(s), recording.savedBy(read));
  }
}
