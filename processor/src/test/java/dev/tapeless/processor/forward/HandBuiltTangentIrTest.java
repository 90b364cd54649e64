package dev.tapeless.processor.forward;

import static dev.tapeless.processor.ir.HandBuiltIr.DOUBLE_ARRAY;
import static dev.tapeless.processor.ir.HandBuiltIr.add;
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
import dev.tapeless.processor.emit.GradClassWriter;
import dev.tapeless.processor.emit.JavaStmts;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Origin;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import dev.tapeless.processor.reverse.Declarations;
import dev.tapeless.processor.reverse.FrameFields;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Forward mode as IR, built from IR written by hand: each statement's tangent beside it, from
 * the statement's rule, a kernel's pushforward or a callee frame's forward mode, printed by the
 * printer of the sweeps.
 */
class HandBuiltTangentIrTest {
  private static final Var X = param("x");
  private static final Var X_DOT = new Var("xDot", Type.DOUBLE, Var.Role.PARAMETER);

  /** The statements of {@code jvp} after its checks, the parameters' tangents as given. */
  private static List<Stmt> tangentIr(IrMethod m, Map<Var, Var> parameterTangents) {
    Activity activity = Activity.of(m, List.copyOf(parameterTangents.keySet()),
        vars(m.result()));
    Recording recording = Recording.of(m, activity);
    NameTable names = new NameTable(m.usedNames());
    Declarations declarations = Declarations.plan(m.body(), recording, names);
    TangentNames tangents = new TangentNames();
    parameterTangents.forEach(tangents::put);
    return TangentBody.computation(m, activity, recording, declarations,
        new FrameFields(new HashSet<>()), names, tangents);
  }

  private static String printed(List<Stmt> ir) {
    return JavaStmts.write(ir).toString();
  }

  /** The variable a statement declares, to compare IR that names it. */
  private static Var declared(Stmt s) {
    return ((Stmt.Declare) s).var();
  }

  @Test
  void anArithmeticStatementsTangentIsItsRulesTermsSummedBeforeTheStatement() {
    Var u = param("u");
    Var uDot = new Var("uDot", Type.DOUBLE, Var.Role.PARAMETER);
    Var t = local("t");
    Var y = result();
    Stmt.Assign product = assign(t, mul(ref(X), ref(u)), "double t = x * u;");
    List<Stmt> ir = tangentIr(method("f", vars(X, u), y, product,
        assign(y, add(ref(t), ref(X)), "return t + x;")), Map.of(X, X_DOT, u, uDot));

    Var tDot = declared(ir.get(0));
    assertEquals(new Stmt.Assign(tDot, new Expr.Sum(List.of(
        new Expr.Rule("$g * $1", Map.of("g", ref(X_DOT), "1", ref(u)), Type.DOUBLE),
        new Expr.Rule("$g * $0", Map.of("g", ref(uDot), "0", ref(X)), Type.DOUBLE))),
        null), ir.get(2));
    assertEquals(new Stmt.Declare(t, product.value()), ir.get(3));
    assertEquals("""
        double tDot = 0.0;
        double resultDot = 0.0;
        tDot = xDot * u + uDot * x;
        double t = x * u;
        resultDot = tDot + xDot;
        double result = t + x;
        """, printed(ir));
  }

  @Test
  void anArrayElementStoreSetsTheTangentsElementAndAnArrayLocalsTangentIsAFrameBuffer() {
    Var n = param("n", Type.INT);
    Var a = local("a", DOUBLE_ARRAY);
    Var i = index("i");
    Var y = result();
    Stmt.Store element = store(a, ref(i), mul(ref(X), num(3)), "a[i] = x * 3.0;");
    List<Stmt> ir = tangentIr(method("f", vars(X, n), y,
        assign(a, newArray(DOUBLE_ARRAY, ref(n)), "double[] a = new double[n];"),
        upTo(i, integer(0), ref(n), "for (int i = 0; i < n; i++)", element),
        assign(y, at(a, integer(0)), "return a[0];")), Map.of(X, X_DOT));

    Var aDot = declared(ir.get(0));
    Stmt.For loop = (Stmt.For) ir.get(4);
    List<Stmt> body = ((Stmt.Block) loop.body().statements().get(0)).statements();
    assertEquals(new Stmt.Store(aDot, List.of(ref(i)), new Expr.Rule("$g * $1",
        Map.of("g", ref(X_DOT), "1", num(3)), Type.DOUBLE), Stmt.StoreKind.SET, null),
        body.get(0));
    assertEquals(element, body.get(1));
    assertEquals("""
        double[] aDot = null;
        double resultDot = 0.0;
        double[] a = this.aBuffer = dev.tapeless.runtime.support.Buffers.zeros(this.aBuffer, n);
        aDot = this.aDotBuffer = dev.tapeless.runtime.support.Buffers.zeros(this.aDotBuffer, n);
        for (int i = 0; i < n; i++) {
          aDot[i] = xDot * 3.0;
          a[i] = x * 3.0;
        }
        resultDot = aDot[0];
        double result = a[0];
        """, printed(ir));
  }

  @Test
  void aKernelCallIsFollowedByItsPushforward() {
    Callee.Custom square = kernel("square", List.of(
        new Callee.Param("u", Type.DOUBLE, true, false)), true);
    Var y = result();
    List<Stmt> ir = tangentIr(method("f", vars(X), y,
        assign(y, new Expr.Call(square, List.of(ref(X)), Type.DOUBLE, null),
            "return K.square(x);")), Map.of(X, X_DOT));

    assertEquals(new Stmt.Assign(declared(ir.get(0)), new Expr.Invoke("p/K",
        "squarePushforward", List.of(ref(X), ref(X_DOT)), Type.DOUBLE), null), ir.get(2));
    assertEquals("""
        double resultDot = 0.0;
        double result = p.K.square(x);
        resultDot = p.K.squarePushforward(x, xDot);
        """, printed(ir));
  }

  @Test
  void aKernelArgumentWithoutATangentGetsAZeroArrayOfTheFramesInItsPlace() {
    Callee.Custom axpy = kernel("axpy", List.of(
        new Callee.Param("alpha", Type.DOUBLE, true, false),
        new Callee.Param("v", DOUBLE_ARRAY, true, false),
        new Callee.Param("out", DOUBLE_ARRAY, false, true)), false);
    Var v = param("v", DOUBLE_ARRAY);
    Var n = param("n", Type.INT);
    Var out = local("out", DOUBLE_ARRAY);
    Var y = result();
    List<Stmt> ir = tangentIr(method("f", vars(X, v, n), y,
        assign(out, newArray(DOUBLE_ARRAY, ref(n)), "double[] out = new double[n];"),
        new Stmt.Effect(new Expr.Call(axpy, List.of(ref(X), ref(v), ref(out)), Type.INT, null),
            Origin.of("K.axpy(x, v, out);")),
        assign(y, at(out, integer(0)), "return out[0];")), Map.of(X, X_DOT));

    assertEquals(new Stmt.Run(new Expr.Invoke("p/K", "axpyPushforward", List.of(ref(X), ref(v),
        ref(out), ref(X_DOT), new Expr.ZerosLike("scratchTangent1", ref(v)),
        ref(declared(ir.get(0)))), null)), ir.get(5));
    assertEquals("p.K.axpy(x, v, out);\n"
        + "p.K.axpyPushforward(x, v, out, xDot, (this.scratchTangent1 = dev.tapeless.runtime"
        + ".support.Buffers.zerosLike(this.scratchTangent1, v)), outDot);\n",
        printed(ir.subList(4, 6)));
  }

  @Test
  void aCallOfAnotherDifferentiableMethodRunsTheCalleesForwardModeOnItsFrame() {
    Callee.Differentiable g = new Callee.Differentiable("p/C", "g", "p", "C_Grad", "G",
        List.of(new Callee.Param("u", Type.DOUBLE, true, false)), true);
    Var y = result();
    List<Stmt> ir = tangentIr(method("f", vars(X), y,
        assign(y, new Expr.Call(g, List.of(ref(X)), Type.DOUBLE, null), "return g(x);")), Map.of(X, X_DOT));

    assertEquals(new Stmt.Assign(declared(ir.get(0)), new Expr.FrameCall("cGFrame",
        GradClassWriter.JVP_IN_PLACE, List.of(ref(X), ref(X_DOT)), Type.DOUBLE), null),
        ir.get(1));
    assertEquals(new Stmt.Declare(y, new Expr.Field("cGFrame", "value", List.of(),
        Type.DOUBLE)), ir.get(2));
    assertEquals("""
        double resultDot = 0.0;
        resultDot = this.cGFrame.$jvpInPlace(x, xDot);
        double result = this.cGFrame.value;
        """, printed(ir));
  }

  /** A kernel of {@code p.K} with a pushforward {@code namePushforward}. */
  private static Callee.Custom kernel(String name, List<Callee.Param> params,
      boolean returnsReal) {
    return new Callee.Custom("p/K", name, name + "Pullback", params, returnsReal, false, false,
        null, true, name + "Pushforward", false, null);
  }
}
