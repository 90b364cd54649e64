package dev.tapeless.processor.reverse;

import static dev.tapeless.processor.ir.HandBuiltIr.assign;
import static dev.tapeless.processor.ir.HandBuiltIr.integer;
import static dev.tapeless.processor.ir.HandBuiltIr.local;
import static dev.tapeless.processor.ir.HandBuiltIr.method;
import static dev.tapeless.processor.ir.HandBuiltIr.param;
import static dev.tapeless.processor.ir.HandBuiltIr.ref;
import static dev.tapeless.processor.ir.HandBuiltIr.result;
import static dev.tapeless.processor.ir.HandBuiltIr.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What split mode keeps between a method's two sweeps, as IR built from a method written by
 * hand: a matrix local's contents and shape, and the scalars, popped in reverse.
 */
class HandBuiltSplitStateTest {

  @Test
  void aMatrixLocalIsSavedWithItsShapeAndMadeAgainFromItBeforeTheScalars() {
    Var x = param("x");
    Var n = param("n", Type.INT);
    Type matrix = new Type(Type.Kind.DOUBLE, 2);
    Var a = local("a", matrix);
    Var y = result();
    Expr.ArrayRead corner = new Expr.ArrayRead(a, List.of(integer(0), integer(0)), Type.DOUBLE);
    IrMethod m = method("m", vars(x, n), y,
        assign(a, new Expr.NewArray(matrix, List.of(ref(n), ref(n))),
            "double[][] a = new double[n][n];"),
        new Stmt.Store(a, corner.indices(), ref(x), Stmt.StoreKind.SET,
            Origin.of("a[0][0] = x;")),
        assign(y, corner, "return a[0][0];"));
    Activity activity = Activity.of(m, vars(x), vars(y));
    Recording recording = Recording.of(m, activity);
    Declarations declarations = Declarations.plan(m.body(), recording,
        new NameTable(m.usedNames()));
    SplitState state = SplitState.of(m, declarations, new FrameFields(new HashSet<>()));

    assertEquals("""
        this.saved.pushDouble(result);
        this.saved.pushAll(a);
        this.saved.pushInt(a.length == 0 ? 0 : a[0].length);
        this.saved.pushInt(a.length);
        """, JavaStmts.write(state.save()).toString());
    assertEquals("""
        double[][] a = this.aBuffer = dev.tapeless.runtime.support.Buffers.zeros(this.aBuffer, \
        this.saved.popInt(), this.saved.popInt());
        this.saved.popAll(a);
        double result = this.saved.popDouble();
        """, JavaStmts.write(state.restore()).toString());
  }
}
