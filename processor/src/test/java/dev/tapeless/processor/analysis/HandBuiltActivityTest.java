package dev.tapeless.processor.analysis;

import static dev.tapeless.processor.ir.HandBuiltIr.assign;
import static dev.tapeless.processor.ir.HandBuiltIr.add;
import static dev.tapeless.processor.ir.HandBuiltIr.method;
import static dev.tapeless.processor.ir.HandBuiltIr.mul;
import static dev.tapeless.processor.ir.HandBuiltIr.num;
import static dev.tapeless.processor.ir.HandBuiltIr.param;
import static dev.tapeless.processor.ir.HandBuiltIr.ref;
import static dev.tapeless.processor.ir.HandBuiltIr.result;
import static dev.tapeless.processor.ir.HandBuiltIr.local;
import static dev.tapeless.processor.ir.HandBuiltIr.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dependencies and activity on IR built by hand: a variable gets an adjoint only when it both
 * depends on a differentiated parameter and reaches the result.
 */
class HandBuiltActivityTest {
  private final Var x = param("x");
  private final Var c = param("c");
  private final Var y = local("y");
  private final Var t = local("t");
  private final Var dead = local("dead");
  private final Var result = result();
  private final Stmt.Assign square = assign(y, mul(ref(x), ref(x)), "y = x * x");
  private final IrMethod program = method("f", vars(x, c), result,
      square,
      assign(t, mul(ref(c), num(2)), "t = c * 2"),
      assign(dead, mul(ref(x), num(3)), "dead = x * 3"),
      assign(result, add(ref(y), ref(t)), "return y + t"));

  @Test
  void anAssignmentWritesItsTargetAndReadsItsOperands() {
    Dependencies d = Dependencies.of(square);
    assertEquals(List.of(y), d.written());
    assertTrue(d.differentiableReads().contains(x), () -> "reads " + d.differentiableReads());
    assertFalse(d.call());
  }

  @Test
  void onlyVariablesBetweenTheSeedAndTheResultAreActive() {
    Activity activity = Activity.of(program, List.of(x), List.of(result));
    assertTrue(activity.isActive(x));
    assertTrue(activity.isActive(y));
    assertTrue(activity.isActive(result));
    assertTrue(activity.isUseful(c), "c reaches the result");
    assertFalse(activity.isVaried(c), "c does not depend on x");
    assertFalse(activity.isActive(t), "t = c * 2 carries no derivative");
    assertTrue(activity.isVaried(dead), "dead depends on x");
    assertFalse(activity.isUseful(dead), "dead never reaches the result");
    assertFalse(activity.isActive(dead));
  }

  @Test
  void withoutADifferentiatedParameterNothingIsActive() {
    Activity activity = Activity.of(program, List.of(), List.of(result));
    assertTrue(activity.noneActive());
  }
}
