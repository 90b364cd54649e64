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

import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Temporaries in a loop that the backward sweep computes again instead of saving, on IR built
 * by hand: only when nothing between the temporary and its last reader changes its operands.
 */
class HandBuiltRecomputationTest {
  private final Var x = param("x");
  private final Var s = local("s");
  private final Var t = new Var("t", Type.DOUBLE, Var.Role.TEMP);
  private final Var u = new Var("u", Type.DOUBLE, Var.Role.TEMP);
  private final Var i = index("i");
  private final Var result = result();
  private final Stmt.Assign product = assign(t, mul(ref(s), ref(x)), "t = s * x");
  private final Stmt.Assign reader = assign(u, mul(ref(t), ref(x)), "u = t * x");

  private IrMethod loop(Stmt... body) {
    return method("f", vars(x), result,
        assign(s, ref(x), "double s = x"),
        upTo(i, integer(0), integer(3), "for (int i = 0; i < 3; i++)", body),
        assign(result, ref(s), "return s"));
  }

  private static Activity activity(IrMethod m) {
    return Activity.of(m, List.of(m.parameters().get(0)), List.of(m.result()));
  }

  @Test
  void aProductReadByTheNextStatementIsRecomputedNotSaved() {
    IrMethod m = loop(product, reader, assign(s, add(ref(s), ref(u)), "s = s + u"));
    assertEquals(List.of(t), Recording.of(m, activity(m)).savedBy(product),
        "without recomputation the reversal of u = t * x needs each iteration's t");
    Recording recomputing = Recording.recomputing(m, activity(m));
    assertEquals(List.of(), recomputing.savedBy(product));
    assertEquals(List.of(product), recomputing.recomputedBefore(reader));
  }

  @Test
  void aProductWhoseOperandChangesBeforeItsReaderIsSaved() {
    IrMethod m = loop(product, assign(s, add(ref(s), ref(x)), "s = s + x"), reader,
        assign(s, add(ref(s), ref(u)), "s = s + u"));
    Recording recomputing = Recording.recomputing(m, activity(m));
    assertEquals(List.of(t), recomputing.savedBy(product));
    assertEquals(List.of(), recomputing.recomputedBefore(reader));
  }
}
