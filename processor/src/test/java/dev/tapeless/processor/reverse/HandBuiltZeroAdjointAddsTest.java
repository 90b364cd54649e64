package dev.tapeless.processor.reverse;

import static dev.tapeless.processor.ir.HandBuiltIr.index;
import static dev.tapeless.processor.ir.HandBuiltIr.integer;
import static dev.tapeless.processor.ir.HandBuiltIr.mul;
import static dev.tapeless.processor.ir.HandBuiltIr.num;
import static dev.tapeless.processor.ir.HandBuiltIr.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.processor.emit.JavaStmts;
import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The pass that makes an add into an adjoint known to hold zero an assignment, on backward
 * sweeps built by hand: what it may rewrite (after a zeroing, first in the sweep, in a loop
 * whose body ends by zeroing) and what it must not (after a branch that leaves the adjoint
 * non-zero on one side, in a loop that carries it, after a loop that may break).
 */
class HandBuiltZeroAdjointAddsTest {
  private final Var g = adjoint("g");
  private final Var a = adjoint("aBar");
  private final Var b = adjoint("bBar");

  private static Var adjoint(String name) {
    return new Var(name, Type.DOUBLE, Var.Role.ADJOINT);
  }

  private static Stmt add(Var adjoint, Expr value) {
    return new Stmt.Store(adjoint, List.of(), value, Stmt.StoreKind.ADD, null);
  }

  private static Stmt zero(Var adjoint) {
    return new Stmt.Assign(adjoint, num(0), null);
  }

  private static String printed(List<Stmt> backward, Var... zeroAtStart) {
    return JavaStmts.write(ZeroAdjointAdds.apply(backward, Set.of(zeroAtStart))).toString();
  }

  @Test
  void theFirstAddIntoAZeroAdjointIsAnAssignmentAndTheSecondStaysAnAdd() {
    assertEquals("aBar = g * 2.0;\naBar += g;\n",
        printed(List.of(add(a, mul(ref(g), num(2))), add(a, ref(g))), a));
  }

  @Test
  void anAdjointNotDeclaredZeroIsLeftAlone() {
    assertEquals("aBar += g;\n", printed(List.of(add(a, ref(g)))));
  }

  @Test
  void aZeroingMakesTheNextAddAnAssignmentAndASubtractionANegation() {
    assertEquals("aBar += g;\naBar = 0.0;\naBar = -g;\n",
        printed(List.of(add(a, ref(g)), zero(a),
            new Stmt.Store(a, List.of(), ref(g), Stmt.StoreKind.SUB, null))));
  }

  @Test
  void afterABranchOnlyWhatBothSidesLeaveZeroCounts() {
    Stmt branch = new Stmt.If(ref(new Var("c", Type.BOOLEAN, Var.Role.LOCAL)),
        new Stmt.Block(List.of(add(a, ref(g)))), new Stmt.Block(List.of()), null);
    assertEquals("if (c) {\n  aBar = g;\n}\naBar += g;\nbBar = g;\n",
        printed(List.of(branch, add(a, ref(g)), add(b, ref(g))), a, b));
  }

  @Test
  void inALoopAnAdjointZeroedAtTheEndOfTheBodyIsSetButOneItCarriesIsAdded() {
    Var i = index("i");
    Stmt loop = new Stmt.For(i, integer(0), integer(3), Stmt.Direction.UP_EXCLUSIVE,
        new Stmt.Block(List.of(add(a, ref(g)), add(b, ref(a)), zero(a))), null);
    assertEquals("for (int i = 0; i < 3; i++) {\n  aBar = g;\n  bBar += aBar;\n  aBar = 0.0;\n"
        + "}\nbBar += g;\n", printed(List.of(loop, add(b, ref(g))), a, b));
  }

  @Test
  void aLoopThatMayBreakForgetsWhatWasZero() {
    Var c = new Var("c", Type.BOOLEAN, Var.Role.LOCAL);
    Stmt loop = new Stmt.Loop(new Var("n", Type.INT, Var.Role.LOCAL), new Stmt.Block(List.of(
        add(b, ref(g)), new Stmt.If(ref(c), new Stmt.Block(List.of(new Stmt.Exit(null))),
            new Stmt.Block(List.of()), null))), null);
    assertEquals("while (true) {\n  bBar += g;\n  if (c) {\n    break;\n  }\n}\naBar += g;\n",
        printed(List.of(loop, add(a, ref(g))), a));
  }

  @Test
  void aCalleesBackwardSweepWritesNoScalarLocalSoWhatComesBackIsAssigned() {
    Expr.Field dx = new Expr.Field("fFrame", "dx", List.of(), Type.DOUBLE);
    List<Stmt> call = List.of(
        new Stmt.SetField(dx, num(0)),
        new Stmt.Run(new Expr.FrameCall("fFrame", "$splitBackward", List.of(ref(g)), null)),
        add(a, dx), add(b, ref(g)));
    assertEquals("this.fFrame.dx = 0.0;\nthis.fFrame.$splitBackward(g);\naBar = this.fFrame.dx;\n"
        + "bBar = g;\n", printed(call, a, b));
  }

  @Test
  void aPullbacksScalarAdjointAddedByAnAssignmentIsNoLongerZero() {
    Stmt pullback = new Stmt.Assign(a, new Expr.Binary(BinaryOp.ADD,
        new Expr.Invoke("p/K", "pb", List.of(ref(g)), Type.DOUBLE), ref(a), Type.DOUBLE), null);
    assertEquals("aBar = p.K.pb(g) + aBar;\naBar += g;\n",
        printed(List.of(pullback, add(a, ref(g))), a));
  }

  @Test
  void aFloatAdjointIsSetFromTheDoubleRuleByANarrowingCast() {
    Var f = new Var("fBar", Type.FLOAT, Var.Role.ADJOINT);
    assertEquals("fBar = (float) (g * 2.0);\n",
        printed(List.of(add(f, mul(ref(g), num(2)))), f));
  }
}
