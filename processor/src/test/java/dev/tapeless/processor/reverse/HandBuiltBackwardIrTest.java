package dev.tapeless.processor.reverse;

import static dev.tapeless.processor.ir.HandBuiltIr.DOUBLE_ARRAY;
import static dev.tapeless.processor.ir.HandBuiltIr.assign;
import static dev.tapeless.processor.ir.HandBuiltIr.at;
import static dev.tapeless.processor.ir.HandBuiltIr.index;
import static dev.tapeless.processor.ir.HandBuiltIr.integer;
import static dev.tapeless.processor.ir.HandBuiltIr.method;
import static dev.tapeless.processor.ir.HandBuiltIr.mul;
import static dev.tapeless.processor.ir.HandBuiltIr.param;
import static dev.tapeless.processor.ir.HandBuiltIr.ref;
import static dev.tapeless.processor.ir.HandBuiltIr.result;
import static dev.tapeless.processor.ir.HandBuiltIr.upTo;
import static dev.tapeless.processor.ir.HandBuiltIr.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tapeless.processor.analysis.Activity;
import dev.tapeless.processor.analysis.Recording;
import dev.tapeless.processor.emit.JavaStmts;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The backward sweep as IR, built from IR written by hand: adjoints are variables of their own
 * role, their updates ordinary stores of a rule's partial, loops and their guards statements.
 */
class HandBuiltBackwardIrTest {

  @Test
  void theBackwardIrOfASquareIsACommentAndOneAdjointIncrementSummingTheRulesPartials() {
    Var x = param("x");
    Var y = result();
    IrMethod square = method("square", vars(x), y,
        assign(y, mul(ref(x), ref(x)), "return x * x;"));
    List<Stmt> backward = backward(square, vars(x), vars(y));

    assertEquals(2, backward.size());
    assertEquals(new Stmt.Comment("return x * x"), backward.get(0));
    Stmt.Reversal reversal = assertInstanceOf(Stmt.Reversal.class, backward.get(1));
    assertSame(square.body().statements().get(0), reversal.of());
    // x is both operands: its two partials are summed before they reach its adjoint, as
    // forward mode sums the tangents of one statement
    assertEquals(1, reversal.code().statements().size());
    Stmt.Store update = assertInstanceOf(Stmt.Store.class, reversal.code().statements().get(0));
    assertEquals("xBar", update.array().name());
    assertEquals(Var.Role.ADJOINT, update.array().role());
    assertEquals(List.of(), update.indices());
    assertEquals(Stmt.StoreKind.ADD, update.kind());
    Expr.Rule partial = assertInstanceOf(Expr.Rule.class, update.value());
    assertEquals("resultBar", ((Expr.Ref) partial.bindings().get("g")).var().name());
    assertSame(x, ((Expr.Ref) partial.bindings().get("0")).var());
    assertSame(x, ((Expr.Ref) partial.bindings().get("1")).var());
    assertEquals("""
        // return x * x
        xBar += resultBar * x + resultBar * x;
        """, JavaStmts.write(backward).toString());
  }

  @Test
  void aCountedLoopIsReversedInsideItsTripTestWithTheLengthTestOfTheArraysItIndexes() {
    // s += x[i] * x[i] in three-address form: t = x[i] * x[i]; s += t
    Var x = param("x", DOUBLE_ARRAY);
    Var n = param("n", Type.INT);
    Var y = result();
    Var i = index("i");
    Var t = new Var("t", Type.DOUBLE, Var.Role.TEMP);
    IrMethod sum = method("sumOfSquares", vars(x, n), y,
        upTo(i, integer(0), ref(n), "for (int i = 0; i < n; i++)",
            assign(t, mul(at(x, ref(i)), at(x, ref(i))), "s += x[i] * x[i];"),
            new Stmt.Store(y, List.of(), ref(t), Stmt.StoreKind.ADD,
                dev.tapeless.processor.ir.Origin.of("s += x[i] * x[i];"))));
    List<Stmt> backward = backward(sum, vars(x), vars(y));

    assertEquals(2, backward.size());
    assertEquals(new Stmt.Comment("for (int i = 0; i < n; i++)"), backward.get(0));
    Stmt.Reversal reversal = assertInstanceOf(Stmt.Reversal.class, backward.get(1));
    Stmt.If runs = assertInstanceOf(Stmt.If.class, reversal.code().statements().get(0));
    List<Stmt> guarded = runs.thenBlock().statements();
    Stmt.Check lengths = assertInstanceOf(Stmt.Check.class, guarded.get(0));
    assertEquals(2, lengths.failures().size());
    Stmt.Reversed loop = assertInstanceOf(Stmt.Reversed.class, guarded.get(1));
    assertSame(sum.body().statements().get(0), loop.loop());
    assertEquals(false, loop.anyOrder());
    assertEquals("""
        // for (int i = 0; i < n; i++)
        if (0 < n) {
          if (xBar.length < n || x.length < n) {
            throw new java.lang.ArrayIndexOutOfBoundsException("index out of bounds in the \
        backward sweep of for (int i = 0; i < n; i++)");
          }
          for (int i = n - 1; i >= 0; i--) {
            // s += x[i] * x[i]
            tBar += resultBar;
            xBar[i] += tBar * x[i] + tBar * x[i];
            tBar = 0.0;
          }
        }
        """, JavaStmts.write(backward).toString());
  }

  private static List<Stmt> backward(IrMethod method, List<Var> inputs, List<Var> outputs) {
    Activity activity = Activity.of(method, inputs, outputs);
    return GradientBody.backwardIr(method, activity, Recording.of(method, activity));
  }
}
