package dev.tapeless.processor.emit;

import static dev.tapeless.processor.ir.HandBuiltIr.DOUBLE_ARRAY;
import static dev.tapeless.processor.ir.HandBuiltIr.add;
import static dev.tapeless.processor.ir.HandBuiltIr.integer;
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
 * The IR of a call's reversal (a callee frame's fields and backward sweep, a custom pullback)
 * as the printer writes it, on statements built by hand.
 */
class HandBuiltCallIrTest {
  private static final Var X = param("x");
  private static final Var W = param("w", DOUBLE_ARRAY);
  private static final Var X_BAR = new Var("xBar", Type.DOUBLE, Var.Role.ADJOINT);
  private static final Var W_BAR = new Var("wBar", DOUBLE_ARRAY, Var.Role.ADJOINT);
  private static final Var Y_BAR = new Var("yBar", Type.DOUBLE, Var.Role.ADJOINT);

  private static Expr.Field frameField(String name, Type type) {
    return new Expr.Field("fFrame", name, List.of(), type);
  }

  private static String printed(Stmt... statements) {
    return JavaStmts.write(List.of(statements)).toString();
  }

  @Test
  void aCalleeFrameGetsTheCallersAdjointsRunsBackwardAndHandsScalarsBack() {
    assertEquals("""
        this.fFrame.dw = wBar;
        this.fFrame.dx = 0.0;
        this.fFrame.$splitBackward(x, w, yBar);
        xBar += this.fFrame.dx;
        """, printed(
        new Stmt.SetField(frameField("dw", DOUBLE_ARRAY), ref(W_BAR)),
        new Stmt.SetField(frameField("dx", Type.DOUBLE), new Expr.Const("0.0", Type.DOUBLE)),
        new Stmt.Run(new Expr.FrameCall("fFrame", GradClassWriter.SPLIT_BACKWARD,
            List.of(ref(X), ref(W), ref(Y_BAR)), null)),
        new Stmt.Store(X_BAR, List.of(), frameField("dx", Type.DOUBLE), Stmt.StoreKind.ADD,
            null)));
  }

  @Test
  void aPullbackIsAStaticCallWhoseScalarAdjointIsAddedAfterItAndNarrowedForAFloat() {
    Expr pullback = new Expr.Invoke("p/Kernels", "dotPullback", List.of(ref(W), ref(X_BAR)),
        Type.DOUBLE);
    Var f = new Var("fBar", Type.FLOAT, Var.Role.ADJOINT);
    assertEquals("xBar = p.Kernels.dotPullback(w, xBar) + xBar;\n"
        + "fBar = (float) (p.Kernels.dotPullback(w, xBar) + fBar);\n", printed(
        new Stmt.Assign(X_BAR, add(pullback, ref(X_BAR)), null),
        new Stmt.Assign(f, new Expr.Cast(Type.FLOAT, add(pullback, ref(f))), null)));
  }

  @Test
  void scalarAdjointsOfAPullbackComeBackInAScratchFieldZeroedFirst() {
    Expr.Field scratch = new Expr.Field(null, "scalarAdjoints2", List.of(), DOUBLE_ARRAY);
    assertEquals("""
        dev.tapeless.runtime.support.Buffers.fill(this.scalarAdjoints2, 0.0);
        p.Kernels.pullback(x, this.scalarAdjoints2);
        xBar += this.scalarAdjoints2[1];
        """, printed(
        new Stmt.Run(new Expr.Invoke("dev.tapeless.runtime.support/Buffers", "fill",
            List.of(scratch, new Expr.Const("0.0", Type.DOUBLE)), null)),
        new Stmt.Run(new Expr.Invoke("p/Kernels", "pullback", List.of(ref(X), scratch), null)),
        new Stmt.Store(X_BAR, List.of(), new Expr.Field(null, "scalarAdjoints2",
            List.of(integer(1)), Type.DOUBLE), Stmt.StoreKind.ADD, null)));
  }
}
