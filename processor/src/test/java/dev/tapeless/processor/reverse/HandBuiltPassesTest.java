package dev.tapeless.processor.reverse;

import static dev.tapeless.processor.ir.HandBuiltIr.DOUBLE_ARRAY;
import static dev.tapeless.processor.ir.HandBuiltIr.block;
import static dev.tapeless.processor.ir.HandBuiltIr.index;
import static dev.tapeless.processor.ir.HandBuiltIr.integer;
import static dev.tapeless.processor.ir.HandBuiltIr.method;
import static dev.tapeless.processor.ir.HandBuiltIr.param;
import static dev.tapeless.processor.ir.HandBuiltIr.ref;
import static dev.tapeless.processor.ir.HandBuiltIr.result;
import static dev.tapeless.processor.ir.HandBuiltIr.upTo;
import static dev.tapeless.processor.ir.HandBuiltIr.vars;
import static dev.tapeless.processor.reverse.BackwardIrCases.adds;
import static dev.tapeless.processor.reverse.BackwardIrCases.body;
import static dev.tapeless.processor.reverse.BackwardIrCases.element;
import static dev.tapeless.processor.reverse.BackwardIrCases.increment;
import static dev.tapeless.processor.reverse.BackwardIrCases.reversal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.processor.analysis.Activity;
import dev.tapeless.processor.analysis.Recording;
import dev.tapeless.processor.emit.JavaStmts;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Origin;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The passes over the backward sweep (loop fission, row hoisting, length tests), each on
 * backward IR written by hand, printed to say what it made.
 */
class HandBuiltPassesTest {
  private final Var x = param("x", DOUBLE_ARRAY);
  private final Var u = param("u", DOUBLE_ARRAY);
  private final Var v = param("v", DOUBLE_ARRAY);
  private final Var w = param("W", new Type(Type.Kind.DOUBLE, 2));
  private final Var n = param("n", Type.INT);
  private final Var k = param("k", Type.INT);
  private final Var j = index("j");
  private final Adjoints adjoints = new Adjoints(List.of(x, u, v, w), new NameTable(Set.of()));
  private final Var xBar = adjoints.var(x);
  private final Var uBar = adjoints.var(u);
  private final Var vBar = adjoints.var(v);
  private final Var wBar = adjoints.var(w);

  @Test
  void fissionTurnsAReversedLoopOfIndependentIncrementsIntoOneForwardLoopPerStatement() {
    Stmt.Store toU = increment(u, element(x, ref(j)), "u[j] += x[j];", ref(j));
    Stmt.Store toV = increment(v, element(x, ref(j)), "v[j] += x[j];", ref(j));
    Stmt.For loop = upTo(j, integer(0), ref(n), "for (int j = 0; j < n; j++)", toU, toV);
    IrMethod m = method("twice", vars(x, u, v, n), result(), loop);
    Activity activity = Activity.of(m, vars(x), vars(u, v));
    Stmt.Reversed reversed = new Stmt.Reversed(loop, body(
        reversal(toV, adds(element(xBar, ref(j)), element(vBar, ref(j)))),
        reversal(toU, adds(element(xBar, ref(j)), element(uBar, ref(j))))), false);

    List<Stmt> pieces = Fission.apply(List.of(reversed), activity, Recording.of(m, activity));

    assertEquals(2, pieces.size());
    Stmt.Reversed first = assertInstanceOf(Stmt.Reversed.class, pieces.get(0));
    assertTrue(first.anyOrder());
    assertSame(toV, first.loop().body().statements().get(0));
    assertEquals("""
        for (int j = 0; j < n; j++) {
          // v[j] += x[j]
          xBar[j] += vBar[j];
        }
        for (int j = 0; j < n; j++) {
          // u[j] += x[j]
          xBar[j] += uBar[j];
        }
        """, JavaStmts.write(pieces).toString());
  }

  @Test
  void fissionLeavesALoopWhoseStatementsAddIntoAnAdjointAnotherReads() {
    Stmt.Store toU = increment(u, element(x, ref(j)), "u[j] += x[j];", ref(j));
    Stmt.Store toX = increment(x, element(u, ref(j)), "x[j] += u[j];", ref(j));
    Stmt.For loop = upTo(j, integer(0), ref(n), "for (int j = 0; j < n; j++)", toU, toX);
    IrMethod m = method("chained", vars(x, u, n), result(), loop);
    Activity activity = Activity.of(m, vars(x, u), vars(u, x));
    Stmt.Reversed reversed = new Stmt.Reversed(loop, body(
        reversal(toX, adds(element(uBar, ref(j)), element(xBar, ref(j)))),
        reversal(toU, adds(element(xBar, ref(j)), element(uBar, ref(j))))), false);

    List<Stmt> out = Fission.apply(List.of(reversed), activity, Recording.of(m, activity));

    assertEquals(List.of(reversed), out);
  }

  @Test
  void rowHoistingReadsTheAdjointRowOfALoopInvariantFirstIndexOnceBeforeTheLoop() {
    Stmt.Store toW = increment(w, element(x, ref(j)), "W[k][j] += x[j];", ref(k), ref(j));
    Stmt.For loop = upTo(j, integer(0), ref(n), "for (int j = 0; j < n; j++)", toW);
    Stmt.Reversed reversed = new Stmt.Reversed(loop, body(List.of(),
        reversal(toW, adds(element(xBar, ref(j)), element(wBar, ref(k), ref(j))))), false);

    List<Stmt> out = RowHoisting.apply(List.of(reversed), adjoints,
        new NameTable(Set.of("x", "W", "n", "k", "j")));

    Stmt.If runs = assertInstanceOf(Stmt.If.class, out.get(0));
    Stmt.Declare row = assertInstanceOf(Stmt.Declare.class,
        runs.thenBlock().statements().get(0));
    assertEquals(element(wBar, ref(k)), row.value());
    assertEquals("""
        if (0 < n) {
          double[] WBarRow = WBar[k];
          for (int j = n - 1; j >= 0; j--) {
            // W[k][j] += x[j]
            xBar[j] += WBarRow[j];
          }
        }
        """, JavaStmts.write(out).toString());
  }

  @Test
  void rowHoistingDropsALoopWhoseReversalPrintsNothing() {
    Stmt.Store toW = increment(w, new Expr.Const("1.0", Type.DOUBLE), "W[k][j] += 1.0;",
        ref(k), ref(j));
    Stmt.For loop = upTo(j, integer(0), ref(n), "for (int j = 0; j < n; j++)", toW);
    Stmt.Reversed silent = new Stmt.Reversed(loop, block(new Stmt.Reversal(toW, block())),
        false);

    assertEquals(List.of(), RowHoisting.apply(List.of(silent), adjoints,
        new NameTable(Set.of())));
  }

  @Test
  void aLengthTestNamesTheArraysEveryIterationIndexesByTheLoopIndexAlone() {
    Stmt.Store toU = increment(u, element(x, ref(j)), "u[j] += x[j];", ref(j));
    Stmt.For loop = upTo(j, integer(0), ref(n), "for (int j = 0; j < n; j++)", toU);
    Stmt.Reversed reversed = new Stmt.Reversed(loop, body(List.of(),
        reversal(toU, adds(element(xBar, ref(j)), element(uBar, ref(j))))), false);

    List<Stmt> out = LengthTests.apply(List.of(reversed), adjoints);

    assertEquals("""
        if (0 < n) {
          if (uBar.length < n || xBar.length < n) {
            throw new java.lang.ArrayIndexOutOfBoundsException("index out of bounds in the \
        backward sweep of for (int j = 0; j < n; j++)");
          }
          for (int j = n - 1; j >= 0; j--) {
            // u[j] += x[j]
            xBar[j] += uBar[j];
          }
        }
        """, JavaStmts.write(out).toString());
  }

  @Test
  void aLengthTestLeavesOutWhatABranchGuardsAndTestsTheSmallestIndexOfALoopDown() {
    Var flag = param("flag", Type.BOOLEAN);
    Var m = param("m", Type.INT);
    Stmt.Store toU = increment(u, element(x, ref(j)), "u[j] += x[j];", ref(j));
    Stmt.If branch = new Stmt.If(ref(flag), block(toU), block(), Origin.of("if (flag)"));
    Stmt.Store toV = increment(v, element(x, ref(j)), "v[j] += x[j];", ref(j));
    Stmt.For loop = new Stmt.For(j, ref(n), ref(m), Stmt.Direction.DOWN_EXCLUSIVE,
        block(toV, branch), Origin.of("for (int j = n; j > m; j--)"));
    Stmt.If replayed = new Stmt.If(ref(flag),
        block(reversal(toU, adds(element(xBar, ref(j)), element(uBar, ref(j)))).toArray(
            new Stmt[0])), block(), null);
    Stmt.Reversed reversed = new Stmt.Reversed(loop, body(
        List.of(new Stmt.Reversal(branch, block(replayed))),
        reversal(toV, adds(element(xBar, ref(j)), element(vBar, ref(j))))), false);

    Stmt.If runs = assertInstanceOf(Stmt.If.class,
        LengthTests.apply(List.of(reversed), adjoints).get(0));

    assertEquals("""
        if (m < -1 || vBar.length <= n || xBar.length <= n) {
          throw new java.lang.ArrayIndexOutOfBoundsException("index out of bounds in the \
        backward sweep of for (int j = n; j > m; j--)");
        }
        """, JavaStmts.write(List.of(runs.thenBlock().statements().get(0))).toString());
  }
}
