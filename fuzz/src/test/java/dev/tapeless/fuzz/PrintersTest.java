package dev.tapeless.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.fuzz.ast.AssignOp;
import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.DimSym;
import dev.tapeless.fuzz.ast.Expr;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Op;
import dev.tapeless.fuzz.ast.Param;
import dev.tapeless.fuzz.ast.Stmt;
import dev.tapeless.fuzz.ast.Ty;
import dev.tapeless.fuzz.print.JavaPrinter;
import dev.tapeless.fuzz.print.TwinPrinter;
import dev.tapeless.fuzz.run.InProcessJavac;
import dev.tapeless.fuzz.twin.Ctx;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import org.hipparchus.analysis.differentiation.Derivative;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/**
 * Both printers on small hand-built programs: the plain method computes what the AST says, and
 * the twin's derivatives match ones worked out by hand.
 */
class PrintersTest {
  private static Expr ref(String n, Ty t) {
    return new Expr.Ref(n, t);
  }

  private static Expr bin(Op op, Expr a, Expr b) {
    return new Expr.Bin(op, a, b);
  }

  /**
   * {@code f(x, y) = (x y + sin x)^2 + (x % 0.7)}, with a compound assignment, a Math call, a
   * double remainder and a mixed int operand.
   */
  private static MethodDef scalar() {
    Expr x = ref("x", Ty.DOUBLE);
    Expr y = ref("y", Ty.DOUBLE);
    Expr v = ref("v", Ty.DOUBLE);
    List<Stmt> body = List.of(
        new Stmt.Local(Ty.DOUBLE, "v", bin(Op.MUL, x, y)),
        new Stmt.Assign(v, AssignOp.ADD, new Expr.MathCall("sin", false, List.of(x))),
        new Stmt.Local(Ty.INT, "k", new Expr.ILit(1, Ty.INT)),
        new Stmt.Return(bin(Op.ADD, bin(Op.MUL, bin(Op.MUL, v, v), ref("k", Ty.INT)),
            bin(Op.REM, x, new Expr.DLit(0.7)))));
    return new MethodDef("f", List.of(Param.scalar(Ty.DOUBLE, "x"), Param.scalar(Ty.DOUBLE, "y")),
        Ty.DOUBLE, null, List.of(), body, true);
  }

  /** {@code g(w, n) = sum of w[i]^2 over i < w.length, if w[0] > 0 doubled}: loop, branch. */
  private static MethodDef loop() {
    Expr w = ref("w", Ty.DARR);
    Expr s = ref("s", Ty.DOUBLE);
    Expr i = ref("i", Ty.INT);
    Expr wi = new Expr.Index(w, i);
    List<Stmt> body = List.of(
        new Stmt.Local(Ty.DOUBLE, "s", new Expr.DLit(0.0)),
        new Stmt.For(new Stmt.Local(Ty.INT, "i", new Expr.ILit(0, Ty.INT)),
            bin(Op.LT, i, new Expr.Length(w)), new Stmt.Step(i, true),
            List.of(new Stmt.Assign(s, AssignOp.ADD, bin(Op.MUL, wi, wi)))),
        new Stmt.If(bin(Op.GT, new Expr.Index(w, new Expr.ILit(0, Ty.INT)), new Expr.DLit(0.0)),
            List.of(new Stmt.Assign(s, AssignOp.MUL, new Expr.DLit(2.0))), List.of()),
        new Stmt.Return(s));
    return new MethodDef("g", List.of(new Param(Ty.DARR, "w", false, false, List.of(0), false)),
        Ty.DOUBLE, null, List.of(new DimSym(0, 1, 3)), body, true);
  }

  private static Class<?>[] compile(ClassDef c) throws Exception {
    InProcessJavac.Result plain = InProcessJavac.compile(
        Map.of(c.qualifiedName(), JavaPrinter.print(c).source()), false);
    InProcessJavac.Result twin = InProcessJavac.compile(
        Map.of(c.qualifiedName() + "Twin", TwinPrinter.print(c).source()), false);
    assertTrue(plain.success(), () -> plain.errors() + "\n" + JavaPrinter.print(c).source());
    assertTrue(twin.success(), () -> twin.errors() + "\n" + TwinPrinter.print(c).source());
    URLClassLoader pl = plain.loader();
    URLClassLoader tl = twin.loader();
    return new Class<?>[] {pl.loadClass(c.qualifiedName()), tl.loadClass(c.qualifiedName() + "Twin")};
  }

  @Test
  void twinOfAScalarMethodHasTheHandDerivative() throws Exception {
    ClassDef c = new ClassDef("pt", "Scalar", List.of(), List.of(scalar()));
    Class<?>[] classes = compile(c);
    double x = 1.3;
    double y = -0.4;
    Method plain = classes[0].getMethod("f", double.class, double.class);
    Method twin = classes[1].getMethod("f", Ctx.class, Derivative.class, Derivative.class);
    Ctx<Gradient> ctx = Ctx.gradient(2);
    Gradient g = (Gradient) twin.invoke(null, ctx, ctx.variable(0, x), ctx.variable(1, y));
    double u = x * y + Math.sin(x);
    assertEquals((double) plain.invoke(null, x, y), g.getValue(), 1e-15);
    assertEquals(u * u + x % 0.7, g.getValue(), 1e-15);
    assertEquals(2 * u * (y + Math.cos(x)) + 1.0, g.getPartialDerivative(0), 1e-13);
    assertEquals(2 * u * x, g.getPartialDerivative(1), 1e-13);
  }

  @Test
  void twinOfALoopWithABranchHasTheHandDerivative() throws Exception {
    ClassDef c = new ClassDef("pt", "Loop", List.of(), List.of(loop()));
    Class<?>[] classes = compile(c);
    Method twin = classes[1].getMethod("g", Ctx.class, Derivative[].class);
    for (double[] w : new double[][] {{0.5, -1.5, 2.0}, {-0.5, 1.0}}) {
      Ctx<Gradient> ctx = Ctx.gradient(w.length);
      Gradient[] gw = new Gradient[w.length];
      for (int i = 0; i < w.length; i++) {
        gw[i] = ctx.variable(i, w[i]);
      }
      Gradient g = (Gradient) twin.invoke(null, ctx, gw);
      double factor = w[0] > 0 ? 2 : 1;
      double[] expected = new double[w.length];
      for (int i = 0; i < w.length; i++) {
        expected[i] = 2 * w[i] * factor;
      }
      assertArrayEquals(expected, g.getGradient(), 1e-14);
      assertEquals((double) classes[0].getMethod("g", double[].class).invoke(null, (Object) w),
          g.getValue(), 1e-14);
    }
  }

  @Test
  void plainPrinterParenthesizesEverything() {
    String src = JavaPrinter.expr(bin(Op.SUB, new Expr.DLit(1.0),
        bin(Op.SUB, ref("a", Ty.DOUBLE), new Expr.Neg(new Expr.DLit(-2.0)))));
    assertEquals("(1.0 - (a - (-(-2.0))))", src);
  }
}
