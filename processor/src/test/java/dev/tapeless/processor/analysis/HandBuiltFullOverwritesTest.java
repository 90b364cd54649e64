package dev.tapeless.processor.analysis;

import static dev.tapeless.processor.ir.HandBuiltIr.DOUBLE_ARRAY;
import static dev.tapeless.processor.ir.HandBuiltIr.assign;
import static dev.tapeless.processor.ir.HandBuiltIr.at;
import static dev.tapeless.processor.ir.HandBuiltIr.index;
import static dev.tapeless.processor.ir.HandBuiltIr.integer;
import static dev.tapeless.processor.ir.HandBuiltIr.local;
import static dev.tapeless.processor.ir.HandBuiltIr.method;
import static dev.tapeless.processor.ir.HandBuiltIr.mul;
import static dev.tapeless.processor.ir.HandBuiltIr.newArray;
import static dev.tapeless.processor.ir.HandBuiltIr.param;
import static dev.tapeless.processor.ir.HandBuiltIr.ref;
import static dev.tapeless.processor.ir.HandBuiltIr.result;
import static dev.tapeless.processor.ir.HandBuiltIr.store;
import static dev.tapeless.processor.ir.HandBuiltIr.upTo;
import static dev.tapeless.processor.ir.HandBuiltIr.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which loops overwrite a whole array ({@code q[j] = e * xc[j]} for every {@code j} of
 * {@code q = new double[n]}), on IR built by hand: only a loop that provably visits every element.
 */
class HandBuiltFullOverwritesTest {
  private final Var n = param("n", Type.INT);
  private final Var e = param("e");
  private final Var xc = param("xc", DOUBLE_ARRAY);
  private final Var q = local("q", DOUBLE_ARRAY);
  private final Var j = index("j");
  private final Var result = result();

  private List<Var> overwrittenBy(Expr first, Expr bound) {
    Stmt.For loop = upTo(j, first, bound, "for (int j = 0; j < n; j++)",
        store(q, ref(j), mul(ref(e), at(xc, ref(j))), "q[j] = e * xc[j]"));
    IrMethod program = method("scaled", vars(n, e, xc), result,
        assign(q, newArray(DOUBLE_ARRAY, ref(n)), "double[] q = new double[n]"),
        loop,
        assign(result, at(q, integer(0)), "return q[0]"));
    return new FullOverwrites(program).of(loop);
  }

  @Test
  void aLoopOverEveryElementOfAnArrayOfItsBoundOverwritesIt() {
    assertEquals(List.of(q), overwrittenBy(integer(0), ref(n)));
  }

  @Test
  void aLoopFromOneLeavesTheFirstElement() {
    assertEquals(List.of(), overwrittenBy(integer(1), ref(n)));
  }

  @Test
  void aLoopToTheArraysLengthOverwritesIt() {
    assertEquals(List.of(q), overwrittenBy(integer(0), new Expr.Length(ref(q))));
  }

  @Test
  void aLoopToAnotherBoundMayStopShort() {
    assertEquals(List.of(), overwrittenBy(integer(0), integer(2)));
  }
}
