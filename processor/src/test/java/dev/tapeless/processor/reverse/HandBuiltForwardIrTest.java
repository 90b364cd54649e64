package dev.tapeless.processor.reverse;

import static dev.tapeless.processor.ir.HandBuiltIr.assign;
import static dev.tapeless.processor.ir.HandBuiltIr.index;
import static dev.tapeless.processor.ir.HandBuiltIr.integer;
import static dev.tapeless.processor.ir.HandBuiltIr.local;
import static dev.tapeless.processor.ir.HandBuiltIr.method;
import static dev.tapeless.processor.ir.HandBuiltIr.mul;
import static dev.tapeless.processor.ir.HandBuiltIr.num;
import static dev.tapeless.processor.ir.HandBuiltIr.param;
import static dev.tapeless.processor.ir.HandBuiltIr.ref;
import static dev.tapeless.processor.ir.HandBuiltIr.result;
import static dev.tapeless.processor.ir.HandBuiltIr.upTo;
import static dev.tapeless.processor.ir.HandBuiltIr.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.processor.analysis.Activity;
import dev.tapeless.processor.analysis.Recording;
import dev.tapeless.processor.emit.JavaStmts;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The forward sweep as IR, built from IR written by hand: the user's statements and saves. */
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
        Set.of());

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
}
