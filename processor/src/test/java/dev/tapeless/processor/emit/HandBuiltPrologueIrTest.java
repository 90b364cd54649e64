package dev.tapeless.processor.emit;

import static dev.tapeless.processor.ir.HandBuiltIr.DOUBLE_ARRAY;
import static dev.tapeless.processor.ir.HandBuiltIr.param;
import static dev.tapeless.processor.ir.HandBuiltIr.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The code around the sweeps as IR (the user's frame's fields, an adjoint array in a reusable
 * buffer, the blank line before the backward sweep), printed from statements built by hand.
 */
class HandBuiltPrologueIrTest {
  private static final Var FRAME =
      new Var("frame", Type.object("p/C_Grad.M"), Var.Role.PARAMETER);
  private static final Var X = param("x");
  private static final Var T = param("t", DOUBLE_ARRAY);
  private static final Var X_BAR = new Var("xBar", Type.DOUBLE, Var.Role.ADJOINT);
  private static final Var T_BAR = new Var("tBar", DOUBLE_ARRAY, Var.Role.ADJOINT);

  @Test
  void adjointsAreDeclaredFromTheUsersFrameOrABufferAndScalarsAddedBackToIt() {
    assertEquals("""
        frame.value = x;

        // backward sweep
        double[] tBar = this.tBarBuffer = dev.tapeless.runtime.support.Buffers\
        .zerosLike(this.tBarBuffer, t);
        frame.dx += xBar;
        """, JavaStmts.write(List.of(
        new Stmt.SetField(new Expr.Member(FRAME, "value", Type.DOUBLE), ref(X)),
        new Stmt.Comment(""),
        new Stmt.Comment("backward sweep"),
        new Stmt.Declare(T_BAR, new Expr.ZerosLike("tBarBuffer", ref(T))),
        new Stmt.SetField(new Expr.Member(FRAME, "dx", Type.DOUBLE), ref(X_BAR),
            Stmt.StoreKind.ADD))).toString());
  }
}
