package dev.tapeless.processor.reverse;

import static dev.tapeless.processor.ir.HandBuiltIr.DOUBLE_ARRAY;
import static dev.tapeless.processor.ir.HandBuiltIr.at;
import static dev.tapeless.processor.ir.HandBuiltIr.index;
import static dev.tapeless.processor.ir.HandBuiltIr.integer;
import static dev.tapeless.processor.ir.HandBuiltIr.mul;
import static dev.tapeless.processor.ir.HandBuiltIr.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.processor.emit.JavaStmts;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The pass that keeps an element a reversed loop adds into at a fixed index in a local, on
 * backward sweeps built by hand: what it may rewrite (a local's adjoint at an index the loop
 * does not change, in the same order of additions) and what it must not (an index the loop
 * changes, an array the loop also reads, a parameter's adjoint, a loop that calls a frame).
 */
class HandBuiltInvariantAccumulatorsTest {
  private final Var row = index("row");
  private final Var col = index("col");
  private final Var d = new Var("d", Type.INT, Var.Role.LOCAL);
  private final Var xcBar = new Var("xcBar", DOUBLE_ARRAY, Var.Role.ADJOINT);
  private final Var qBar = new Var("qBar", DOUBLE_ARRAY, Var.Role.ADJOINT);
  private final Var l = new Var("l", DOUBLE_ARRAY, Var.Role.PARAMETER);
  private final Var lBar = new Var("lBar", DOUBLE_ARRAY, Var.Role.ADJOINT);

  private static Stmt addInto(Var array, Expr index, Expr value) {
    return new Stmt.Store(array, List.of(index), value, Stmt.StoreKind.ADD, null);
  }

  /** The reversal of {@code for (int row = col + 1; row < d; row++)} with {@code body}. */
  private Stmt reversedLoop(Stmt... body) {
    Stmt.For loop = new Stmt.For(row, new Expr.Binary(BinaryOp.ADD, ref(col), integer(1),
        Type.INT), ref(d), Stmt.Direction.UP_EXCLUSIVE, new Stmt.Block(List.of()), null);
    return new Stmt.Reversed(loop, new Stmt.Block(List.of(body)), false);
  }

  private String printed(Set<Var> owned, Stmt... backward) {
    NameTable names = new NameTable(new HashSet<>(Set.of("row", "col", "d")));
    return JavaStmts.write(InvariantAccumulators.apply(List.of(backward), owned, names))
        .toString();
  }

  @Test
  void anElementAddedIntoAtAFixedIndexIsHeldInALocalForTheLoop() {
    Stmt loop = reversedLoop(addInto(lBar, ref(row), mul(at(qBar, ref(row)), ref(col))),
        addInto(xcBar, ref(col), mul(at(qBar, ref(row)), at(l, ref(row)))));
    assertEquals("""
        if ((col + 1) < d) {
          double xcBarSum = xcBar[col];
          for (int row = d - 1; row >= (col + 1); row--) {
            lBar[row] += qBar[row] * col;
            xcBarSum += qBar[row] * l[row];
          }
          xcBar[col] = xcBarSum;
        }
        """, printed(Set.of(xcBar, lBar), loop));
  }

  @Test
  void insideABranchOnTheLoopsOwnTestTheGuardIsNotRepeated() {
    Expr entered = new Expr.Binary(BinaryOp.LT, new Expr.Binary(BinaryOp.ADD, ref(col),
        integer(1), Type.INT), ref(d), Type.BOOLEAN);
    Stmt branch = new Stmt.If(entered, new Stmt.Block(List.of(reversedLoop(
        addInto(xcBar, ref(col), at(qBar, ref(row)))))), new Stmt.Block(List.of()), null);
    assertEquals("""
        if ((col + 1) < d) {
          double xcBarSum = xcBar[col];
          for (int row = d - 1; row >= (col + 1); row--) {
            xcBarSum += qBar[row];
          }
          xcBar[col] = xcBarSum;
        }
        """, printed(Set.of(xcBar), branch));
  }

  @Test
  void anIndexTheLoopChangesAnArrayItAlsoReadsAndAParametersAdjointAreLeftAlone() {
    String changing = printed(Set.of(xcBar), reversedLoop(
        addInto(xcBar, ref(row), at(qBar, ref(row)))));
    assertEquals("for (int row = d - 1; row >= (col + 1); row--) {\n"
        + "  xcBar[row] += qBar[row];\n}\n", changing);
    String read = printed(Set.of(xcBar), reversedLoop(
        addInto(xcBar, ref(col), at(xcBar, ref(row)))));
    assertEquals("for (int row = d - 1; row >= (col + 1); row--) {\n"
        + "  xcBar[col] += xcBar[row];\n}\n", read);
    String notOwned = printed(Set.of(xcBar), reversedLoop(
        addInto(lBar, ref(col), at(qBar, ref(row)))));
    assertEquals("for (int row = d - 1; row >= (col + 1); row--) {\n"
        + "  lBar[col] += qBar[row];\n}\n", notOwned);
  }

  @Test
  void aLoopThatCallsAnotherFrameIsLeftAlone() {
    Stmt call = new Stmt.Run(new Expr.FrameCall("fFrame", "$splitBackward",
        List.of(ref(row)), null));
    String printed = printed(Set.of(xcBar), reversedLoop(
        addInto(xcBar, ref(col), at(qBar, ref(row))), call));
    assertEquals("for (int row = d - 1; row >= (col + 1); row--) {\n"
        + "  xcBar[col] += qBar[row];\n  this.fFrame.$splitBackward(row);\n}\n", printed);
  }
}
