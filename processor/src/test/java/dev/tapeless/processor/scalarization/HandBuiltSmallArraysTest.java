package dev.tapeless.processor.scalarization;

import static dev.tapeless.processor.ir.HandBuiltIr.DOUBLE_ARRAY;
import static dev.tapeless.processor.ir.HandBuiltIr.add;
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
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.IrPrinter;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import org.junit.jupiter.api.Test;

/** Which local arrays become one variable per element, on IR built by hand. */
class HandBuiltSmallArraysTest {
  private final Var x = param("x");
  private final Var n = param("n", Type.INT);
  private final Var a = local("a", DOUBLE_ARRAY);
  private final Var i = index("i");
  private final Var result = result();

  /** {@code double[] a = new double[2]; for (i < 2) a[i] = x * i; return a[0] + a[index]}. */
  private IrMethod program(Expr size, Expr lastIndex) {
    return method("pair", vars(x, n), result,
        assign(a, newArray(DOUBLE_ARRAY, size), "double[] a = new double[2]"),
        upTo(i, integer(0), integer(2), "for (int i = 0; i < 2; i++)",
            store(a, ref(i), mul(ref(x), ref(i)), "a[i] = x * i")),
        assign(result, add(at(a, integer(0)), at(a, lastIndex)), "return a[0] + a[1]"));
  }

  @Test
  void anArrayOfConstantLengthIndexedByAnUnrolledLoopBecomesScalars() {
    String printed = IrPrinter.print(SmallArrays.scalarize(program(integer(2), integer(1))));
    assertEquals(false, printed.contains("a["), printed);
    assertEquals(false, printed.contains("for "), printed);
    assertEquals(true, printed.contains("a_1 = (x * 1)"), printed);
  }

  @Test
  void anArrayIndexedByAVariableIsLeftAsItIs() {
    IrMethod program = program(integer(2), ref(n));
    assertSame(program, SmallArrays.scalarize(program));
  }

  @Test
  void anArrayOfRuntimeLengthIsLeftAsItIs() {
    IrMethod program = program(ref(n), integer(1));
    assertSame(program, SmallArrays.scalarize(program));
  }

  @Test
  void aConstantIndexPastTheEndKeepsTheArraySoJavaStillThrows() {
    IrMethod program = program(integer(2), integer(2));
    assertSame(program, SmallArrays.scalarize(program));
  }
}
