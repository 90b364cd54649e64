package dev.tapeless.processor.reverse;

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
import static dev.tapeless.processor.ir.HandBuiltIr.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.processor.analysis.UnaliasedLocals;
import dev.tapeless.processor.emit.JavaStmts;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The pass that reads an element of an unaliased array once, on backward sweeps built by hand:
 * what it may hold in a local (an element the loop never writes, at an index the loop does
 * not change, or read twice in one iteration, also inside a rule's bindings) and what it must
 * not (an array the loop writes, a variable the loop reassigns, an array it was not told is
 * unaliased, a read only a branch makes, a loop that calls a frame); and which locals count as
 * unaliased.
 */
class HandBuiltInvariantReadsTest {
  private final Var row = index("row");
  private final Var col = index("col");
  private final Var d = new Var("d", Type.INT, Var.Role.LOCAL);
  private final Var xc = new Var("xc", DOUBLE_ARRAY, Var.Role.LOCAL);
  private final Var qBar = new Var("qBar", DOUBLE_ARRAY, Var.Role.ADJOINT);
  private final Var l = new Var("l", DOUBLE_ARRAY, Var.Role.PARAMETER);
  private final Var lBar = new Var("lBar", DOUBLE_ARRAY, Var.Role.ADJOINT);
  private final Var sum = new Var("sum", Type.DOUBLE, Var.Role.LOCAL);

  private static Stmt addInto(Var array, Expr index, Expr value) {
    return new Stmt.Store(array, List.of(index), value, Stmt.StoreKind.ADD, null);
  }

  private static Stmt addTo(Var scalar, Expr value) {
    return new Stmt.Store(scalar, List.of(), value, Stmt.StoreKind.ADD, null);
  }

  /** The reversal of {@code for (int row = col + 1; row < d; row++)} with {@code body}. */
  private Stmt reversedLoop(Stmt... body) {
    Stmt.For loop = new Stmt.For(row, new Expr.Binary(BinaryOp.ADD, ref(col), integer(1),
        Type.INT), ref(d), Stmt.Direction.UP_EXCLUSIVE, new Stmt.Block(List.of()), null);
    return new Stmt.Reversed(loop, new Stmt.Block(List.of(body)), false);
  }

  private String printed(Set<Var> unaliased, Stmt... backward) {
    NameTable names = new NameTable(new HashSet<>(Set.of("row", "col", "d")));
    return JavaStmts.write(InvariantReads.apply(List.of(backward), unaliased, names))
        .toString();
  }

  @Test
  void theGmmTriangleReadsItsFixedElementBeforeTheLoopAndItsRowElementOncePerIteration() {
    Stmt loop = reversedLoop(
        addInto(lBar, ref(row), mul(at(qBar, ref(row)), at(xc, ref(col)))),
        addTo(sum, mul(at(qBar, ref(row)), at(l, ref(row)))));
    assertEquals("""
        if ((col + 1) < d) {
          double xcElement = xc[col];
          for (int row = d - 1; row >= (col + 1); row--) {
            double qBarElement = qBar[row];
            lBar[row] += qBarElement * xcElement;
            sum += qBarElement * l[row];
          }
        }
        """, printed(Set.of(xc, qBar), loop));
  }

  @Test
  void readsInsideARulesBindingsAreHeldToo() {
    Expr rule = new Expr.Rule("$g * $0", Map.of("g", at(qBar, ref(row)), "0",
        at(xc, ref(col))), Type.DOUBLE);
    Expr again = new Expr.Rule("$g * $0", Map.of("g", at(qBar, ref(row)), "0",
        at(l, ref(row))), Type.DOUBLE);
    assertEquals("""
        if ((col + 1) < d) {
          double xcElement = xc[col];
          for (int row = d - 1; row >= (col + 1); row--) {
            double qBarElement = qBar[row];
            lBar[row] += qBarElement * xcElement;
            sum += qBarElement * l[row];
          }
        }
        """,
        printed(Set.of(xc, qBar), reversedLoop(addInto(lBar, ref(row), rule),
            addTo(sum, again))));
  }

  @Test
  void anArrayTheLoopWritesOrReassignsAndAnArrayNotKnownUnaliasedAreReadInPlace() {
    String written = printed(Set.of(xc), reversedLoop(
        addInto(xc, ref(row), at(xc, ref(col)))));
    assertEquals("for (int row = d - 1; row >= (col + 1); row--) {\n"
        + "  xc[row] += xc[col];\n}\n", written);
    String reassigned = printed(Set.of(xc), reversedLoop(
        new Stmt.Restore("saved", ref(xc)), addTo(sum, at(xc, ref(col)))));
    assertEquals("for (int row = d - 1; row >= (col + 1); row--) {\n"
        + "  xc = (double[]) this.saved.pop();\n  sum += xc[col];\n}\n",
        reassigned.replaceAll("xc = .*;\n", "xc = (double[]) this.saved.pop();\n"));
    String notKnown = printed(Set.of(), reversedLoop(addTo(sum, at(l, ref(col)))));
    assertEquals("for (int row = d - 1; row >= (col + 1); row--) {\n"
        + "  sum += l[col];\n}\n", notKnown);
  }

  @Test
  void aReadOnlyABranchMakesAndALoopThatCallsAFrameAreLeftAlone() {
    Stmt branch = new Stmt.If(ref(new Var("c1", Type.BOOLEAN, Var.Role.LOCAL)),
        new Stmt.Block(List.of(addTo(sum, at(xc, ref(col))))), new Stmt.Block(List.of()),
        null);
    assertEquals("for (int row = d - 1; row >= (col + 1); row--) {\n"
        + "  if (c1) {\n    sum += xc[col];\n  }\n}\n",
        printed(Set.of(xc), reversedLoop(branch)));
    Stmt call = new Stmt.Run(new Expr.FrameCall("fFrame", "$splitBackward",
        List.of(ref(row)), null));
    assertEquals("for (int row = d - 1; row >= (col + 1); row--) {\n"
        + "  sum += xc[col];\n  this.fFrame.$splitBackward(row);\n}\n",
        printed(Set.of(xc), reversedLoop(addTo(sum, at(xc, ref(col))), call)));
  }

  @Test
  void onlyLocalsThatAlwaysHoldANewArrayAndNeverHandItOnAreUnaliased() {
    Var n = param("n", Type.INT);
    Var w = param("w", DOUBLE_ARRAY);
    Var fresh = local("fresh", DOUBLE_ARRAY);
    Var copied = local("copied", DOUBLE_ARRAY);
    Var handed = local("handed", DOUBLE_ARRAY);
    Var passed = local("passed", DOUBLE_ARRAY);
    Var measured = local("measured", DOUBLE_ARRAY);
    Var other = local("other", DOUBLE_ARRAY);
    Callee same = new Callee.MathFunction("Kernels", "same");
    IrMethod m = method("f", vars(n, w), result(),
        assign(fresh, newArray(DOUBLE_ARRAY, ref(n)), "double[] fresh = new double[n];"),
        assign(copied, ref(w), "double[] copied = w;"),
        assign(handed, newArray(DOUBLE_ARRAY, ref(n)), "double[] handed = new double[n];"),
        assign(copied, ref(handed), "copied = handed;"),
        assign(passed, newArray(DOUBLE_ARRAY, ref(n)), "double[] passed = new double[n];"),
        assign(other, new Expr.Call(same, List.of(ref(passed)), DOUBLE_ARRAY, null),
            "double[] other = Kernels.same(passed);"),
        assign(measured, newArray(DOUBLE_ARRAY, ref(n)), "double[] measured = new double[n];"),
        store(fresh, integer(0), new Expr.Length(ref(measured)), "fresh[0] = measured.length;"),
        assign(result(), at(fresh, integer(0)), "return fresh[0];"));
    assertEquals(Set.of(fresh, measured), UnaliasedLocals.of(m));
  }
}
