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
import static dev.tapeless.processor.ir.HandBuiltIr.num;
import static dev.tapeless.processor.ir.HandBuiltIr.param;
import static dev.tapeless.processor.ir.HandBuiltIr.ref;
import static dev.tapeless.processor.ir.HandBuiltIr.result;
import static dev.tapeless.processor.ir.HandBuiltIr.store;
import static dev.tapeless.processor.ir.HandBuiltIr.upTo;
import static dev.tapeless.processor.ir.HandBuiltIr.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.processor.analysis.Activity;
import dev.tapeless.processor.analysis.Recording;
import dev.tapeless.processor.emit.JavaStmts;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The forward sweep as IR, built from IR written by hand: the user's statements and saves, an
 * array local made in the frame's buffer, a callee run on its frame.
 */
class HandBuiltForwardIrTest {

  @Test
  void aScalarOverwrittenInALoopIsSavedByAStatementOfItsOwnBeforeTheAssignment() {
    Var x = param("x");
    Var n = param("n", Type.INT);
    Var s = local("s");
    Var y = result();
    Var i = index("i");
    Stmt.Assign times = assign(s, mul(ref(s), ref(x)), "s = s * x;");
    IrMethod power = method("power", vars(x, n), y,
        assign(s, num(1.0), "double s = 1.0;"),
        upTo(i, integer(0), ref(n), "for (int i = 0; i < n; i++)", times),
        assign(y, ref(s), "return s;"));
    Activity activity = Activity.of(power, vars(x), vars(y));
    Recording recording = Recording.of(power, activity);
    NameTable names = new NameTable(power.usedNames());
    Declarations declarations = Declarations.plan(power.body(), recording, names);
    FrameFields fields = new FrameFields(new HashSet<>());

    List<Stmt> forward = ForwardSweep.saving(power.body(), declarations, recording, fields,
        SplitCalls.NONE);

    Stmt.For loop = (Stmt.For) forward.get(1);
    List<Stmt> body = ((Stmt.Block) loop.body().statements().get(0)).statements();
    assertEquals(new Stmt.Save(fields.saved(), new Expr.Ref(s)), body.get(0));
    assertEquals(times, body.get(1));
    assertEquals("""
        double s = 1.0;
        for (int i = 0; i < n; i++) {
          this.saved.pushDouble(s);
          s = s * x;
        }
        double result = s;
        """, JavaStmts.write(forward).toString());
  }

  /** The forward sweep of {@code m}, saving, with no split calls. */
  private static List<Stmt> forward(IrMethod m, Var... wrt) {
    Activity activity = Activity.of(m, vars(wrt), vars(m.result()));
    Recording recording = Recording.of(m, activity);
    Declarations declarations = Declarations.plan(m.body(), recording,
        new NameTable(m.usedNames()));
    return ForwardSweep.saving(m.body(), declarations, recording,
        new FrameFields(new HashSet<>()), SplitCalls.NONE);
  }

  @Test
  void anArrayLocalIsMadeInTheFramesReusableBuffer() {
    Var x = param("x");
    Var n = param("n", Type.INT);
    Var a = local("a", DOUBLE_ARRAY);
    Var y = result();
    List<Stmt> forward = forward(method("fill", vars(x, n), y,
        assign(a, newArray(DOUBLE_ARRAY, ref(n)), "double[] a = new double[n];"),
        store(a, integer(0), ref(x), "a[0] = x;"),
        assign(y, at(a, integer(0)), "return a[0];")), x);

    assertEquals(new Stmt.Declare(a, new Expr.Buffered("aBuffer",
        newArray(DOUBLE_ARRAY, ref(n)), null)), forward.get(0));
    assertEquals("double[] a = this.aBuffer = dev.tapeless.runtime.support.Buffers"
        + ".zeros(this.aBuffer, n);\n", JavaStmts.write(forward.subList(0, 1)).toString());
  }

  @Test
  void aDifferentiableCalleeRunsItsPrimalOnItsOwnFrame() {
    Var x = param("x");
    Var y = result();
    Callee.Differentiable f = new Callee.Differentiable("p/C", "f", "p", "C_Grad", "F",
        List.of(new Callee.Param("u", Type.DOUBLE, true, false)), true);
    Expr.Call call = new Expr.Call(f, List.of(ref(x)), Type.DOUBLE, null);
    List<Stmt> forward = forward(method("g", vars(x), y, assign(y, call, "return f(x);")), x);

    assertEquals(new Stmt.Declare(y, new Expr.FrameCall("cFFrame", "$primal", List.of(ref(x)),
        Type.DOUBLE)), forward.get(0));
    assertEquals("double result = this.cFFrame.$primal(x);\n",
        JavaStmts.write(forward).toString());
  }
}
