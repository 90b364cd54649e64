package dev.tapeless.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.fuzz.ast.AssignOp;
import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.ConstDef;
import dev.tapeless.fuzz.ast.Expr;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Op;
import dev.tapeless.fuzz.ast.Param;
import dev.tapeless.fuzz.ast.Stmt;
import dev.tapeless.fuzz.ast.Ty;
import dev.tapeless.fuzz.gen.ClassGen;
import dev.tapeless.fuzz.print.FloatPrinter;
import dev.tapeless.fuzz.print.JavaPrinter;
import dev.tapeless.fuzz.run.InProcessJavac;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The float printing keeps Java's typing: a double value is narrowed only where Java needs it,
 * so every generated class's float version compiles with plain javac, and a small one computes
 * what the double version does to float precision.
 */
class FloatPrinterTest {
  private static Expr ref(String n, Ty t) {
    return new Expr.Ref(n, t);
  }

  private static Expr bin(Op op, Expr a, Expr b) {
    return new Expr.Bin(op, a, b);
  }

  private static Expr math(String fn, Expr... args) {
    return new Expr.MathCall(fn, false, List.of(args));
  }

  /**
   * {@code h(x, w, n)}: a Math call narrowed at its declaration, a compound assignment that
   * narrows implicitly, abs/max of floats (float overloads), Math.PI and a widening cast in a
   * double product, an int-to-real cast, a float constant and literal, a narrowed return.
   */
  private static ClassDef mixed() {
    Expr x = ref("x", Ty.DOUBLE);
    Expr v = ref("v", Ty.DOUBLE);
    Expr w = ref("w", Ty.DARR);
    Expr n = ref("n", Ty.INT);
    List<Stmt> body = List.of(
        new Stmt.Local(Ty.DOUBLE, "v", bin(Op.MUL, x, math("sin", x))),
        new Stmt.Assign(v, AssignOp.ADD, math("cos", new Expr.Index(w, new Expr.ILit(0, Ty.INT)))),
        new Stmt.Local(Ty.DOUBLE, "u", math("max", math("abs", v), new Expr.DLit(0.25))),
        new Stmt.Assign(v, AssignOp.SET, bin(Op.MUL, new Expr.Const("Math.PI"),
            new Expr.Cast(Ty.DOUBLE, ref("u", Ty.DOUBLE)))),
        new Stmt.Return(bin(Op.ADD, bin(Op.MUL, v, new Expr.Const("K0")),
            bin(Op.MUL, new Expr.Cast(Ty.DOUBLE, n), math("exp", x)))));
    MethodDef h = new MethodDef("h", List.of(Param.scalar(Ty.DOUBLE, "x"),
        new Param(Ty.DARR, "w", false, false, List.of(0), false),
        new Param(Ty.INT, "n", false, false, List.of(0), false)), Ty.DOUBLE, null,
        List.of(new dev.tapeless.fuzz.ast.DimSym(0, 1, 3)), body, true);
    return new ClassDef("fp", "Mixed", List.of(new ConstDef("K0", 0.7, false)), List.of(h));
  }

  @Test
  void narrowsOnlyWhereJavaNeedsIt() {
    String src = FloatPrinter.print(mixed()).source();
    for (String line : new String[] {
        "static final float K0 = 0.7f;",
        "public static float h(float x, float[] w, int n) {",
        "float v = ((float) (x * Math.sin(x)));",
        "v += Math.cos(w[0]);",
        "float u = Math.max(Math.abs(v), 0.25f);",
        "v = ((float) (Math.PI * ((double) u)));",
        "return ((float) ((v * K0) + (((float) n) * Math.exp(x))));"}) {
      assertTrue(src.contains(line), "no '" + line + "' in\n" + src);
    }
  }

  @Test
  void floatVersionComputesTheDoubleValueToFloatPrecision() throws Exception {
    ClassDef c = mixed();
    InProcessJavac.Result doubles = InProcessJavac.compile(
        Map.of(c.qualifiedName(), JavaPrinter.print(c).source()), false);
    InProcessJavac.Result floats = InProcessJavac.compile(
        Map.of(c.qualifiedName() + FloatPrinter.SUFFIX, FloatPrinter.print(c).source()), false);
    assertTrue(doubles.success() && floats.success(), doubles.errors() + "\n" + floats.errors());
    try (URLClassLoader dl = doubles.loader(); URLClassLoader fl = floats.loader()) {
      Method d = dl.loadClass(c.qualifiedName()).getMethod("h", double.class, double[].class,
          int.class);
      Method f = fl.loadClass(c.qualifiedName() + FloatPrinter.SUFFIX).getMethod("h",
          float.class, float[].class, int.class);
      double want = (double) d.invoke(null, 0.75, new double[] {-1.25, 0.5}, 2);
      float got = (float) f.invoke(null, 0.75f, new float[] {-1.25f, 0.5f}, 2);
      assertEquals(want, got, 1e-5 * Math.abs(want));
    } finally {
      doubles.delete();
      floats.delete();
    }
  }

  @Test
  void everyGeneratedClassHasAFloatVersionThatCompiles() {
    for (int k = 0; k < 4; k++) {
      ClassDef kept = new ClassGen(Features.defaults()).generate("fq", "G" + k, 40, 300 + k);
      assertTrue(kept.differentiableMethods().size() >= 20);
      String src = FloatPrinter.print(kept).source();
      InProcessJavac.Result r = InProcessJavac.compile(
          Map.of(kept.qualifiedName() + FloatPrinter.SUFFIX, src), false);
      try {
        assertTrue(r.success(), r.errors() + "\n" + src);
      } finally {
        r.delete();
      }
    }
  }
}
