package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.tapeless.runtime.GradCheck;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backward sweep is one private method that {@code backpropagate} and {@code splitBackward}
 * both call: given the primal locals as parameters ({@code few}: a parameter the sweep
 * restores, a checkpointed loop run again inside the sweep, array locals, the overwrite flag of
 * an assigning pullback), or, when as arguments they would need more stack slots than HotSpot's
 * C2 compiles ({@code many}: 130 {@code double} locals; see {@code BackwardSweepArguments}),
 * taking them off the save buffer itself. Both are
 * checked against finite differences, called directly and twice as callees in split mode.
 */
class BackwardSweepMethodTest {
  private static final String SOURCE = """
      package b;
      import dev.tapeless.*;
      import dev.tapeless.runtime.Linear;
      public final class B {
        private B() {}
        @Differentiable
        public static double few(double x, double y, double[] w, double[][] W) {
          double[] h = new double[w.length];
          for (int i = 0; i < w.length; i++) {
            h[i] = Math.sin(w[i] * x);
            x = x * y + h[i];
          }
          for (@Checkpoint int t = 0; t < 7; t++) {
            for (int i = 0; i < h.length; i++) {
              h[i] = h[i] * 0.9 + Math.cos(h[i] * y);
            }
            y = y * 0.95 + 0.1 * h[0];
          }
          double[] z = new double[W.length];
          Linear.matvec(W, h, z);
          double s = x * y;
          for (int i = 0; i < z.length; i++) {
            s += Math.tanh(z[i]);
          }
          return s;
        }
        @Differentiable
        public static double fewTwice(double x, double y, double[] w, double[][] W) {
          return few(x, y, w, W) * few(y, x, w, W);
        }
        @Differentiable
        @SuppressWarnings("TL015")
        public static double many(double x, double y) {
          double t0 = x * y;
      %s    return t129 * t129;
        }
        @Differentiable
        @SuppressWarnings("TL015")
        public static double manyTwice(double x, double y) {
          return many(x, y) * many(y, x);
        }
      }
      """.formatted(chain());

  private static String generated;

  /** {@code double t1 = Math.sin(t0) * x + y;} and so on to {@code t129}. */
  private static String chain() {
    StringBuilder s = new StringBuilder();
    for (int i = 1; i < 130; i++) {
      s.append("    double t").append(i).append(" = Math.sin(t").append(i - 1)
          .append(") * x + y;\n");
    }
    return s.toString();
  }

  private static Class<?> owner;
  private static ClassLoader loader;

  @BeforeAll
  static void compile(@TempDir Path dir) throws Exception {
    // callees behind their frames, so that splitBackward runs (small ones would be inlined)
    Compilation c = Compiler.javac()
        .withProcessors(new TapelessProcessor(), new HiddenDeclarationProcessor())
        .withOptions("-Atapeless.inlineCallees=false")
        .compile(JavaFileObjects.forSourceString("b.B", SOURCE));
    assertThat(c).succeededWithoutWarnings();
    generated = c.generatedSourceFile("b.B_GradSweeps").orElseThrow().getCharContent(true)
        .toString();
    Sources.writeClasses(c, dir);
    loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
        BackwardSweepMethodTest.class.getClassLoader());
    owner = loader.loadClass("b.B");
  }

  @Test
  void eachFrameHasOneBackwardSweepThatBothEntryPointsCall() {
    for (String frame : new String[] {"Few", "FewTwice", "Many", "ManyTwice"}) {
      String sweeps = withoutHvp(frameClass(frame));
      assertEquals(1, count(sweeps, "// backward sweep"), frame);
      assertEquals(1, count(sweeps, "private void backwardSweep("), frame);
      assertEquals(2, count(sweeps, "this.backwardSweep(frame, "), frame);
    }
  }

  @Test
  void aFewLocalsArePassedAndTooManyAreRestoredByTheSweep() {
    String few = frameClass("Few");
    assertTrue(few.contains("this.backwardSweep(frame, x, y, w, W, dResult, overwrite, h, "),
        few);
    String many = frameClass("Many");
    assertTrue(many.contains(
        "private void backwardSweep(B_Grad.Many frame, double x, double y, double dResult) {"),
        many);
    assertTrue(many.contains("this.backwardSweep(frame, x, y, dResult);"), many);
    // backpropagate leaves the locals on the save buffer; the sweep takes them off
    String backpropagate = many.substring(many.indexOf("double backpropagate("),
        many.indexOf("double primal("));
    assertTrue(backpropagate.contains("this.saved.pushDouble(t129);"), backpropagate);
    String sweep = many.substring(many.indexOf("private void backwardSweep("));
    assertTrue(sweep.contains("double t129 = this.saved.popDouble();"), sweep);
  }

  @Test
  void aFewLocalsGiveTheGradientInJointAndSplitMode() throws Exception {
    for (String name : new String[] {"few", "fewTwice"}) {
      Object frame = loader.loadClass("b.B_Grad$" + Character.toUpperCase(name.charAt(0))
          + name.substring(1)).getConstructor().newInstance();
      Method primal = owner.getMethod(name, double.class, double.class, double[].class,
          double[][].class);
      Method gradient = frame.getClass().getMethod("valueAndGradient", double.class,
          double.class, double[].class, double[][].class);
      double[] v = {0.4, -0.7, 0.3, -0.5, 0.8, 0.2, -0.1, 0.6, 0.5, 0.9, -0.3};
      for (int call = 0; call < 3; call++) {
        double value = (double) gradient.invoke(frame, v[0], v[1], w(v), bigW(v));
        assertEquals((double) primal.invoke(null, v[0], v[1], w(v), bigW(v)), value, 1e-12);
      }
      double[] dw = (double[]) frame.getClass().getField("dw").get(frame);
      double[][] dW = (double[][]) frame.getClass().getField("dW").get(frame);
      double[] analytic = {frame.getClass().getField("dx").getDouble(frame),
          frame.getClass().getField("dy").getDouble(frame), dw[0], dw[1], dw[2],
          dW[0][0], dW[0][1], dW[0][2], dW[1][0], dW[1][1], dW[1][2]};
      GradCheck.check(p -> call(primal, p[0], p[1], w(p), bigW(p)), v, analytic)
          .assertWithin(1e-6);
    }
  }

  @Test
  void tooManyLocalsGiveTheGradientInJointAndSplitMode() throws Exception {
    for (String name : new String[] {"many", "manyTwice"}) {
      Object frame = loader.loadClass("b.B_Grad$" + Character.toUpperCase(name.charAt(0))
          + name.substring(1)).getConstructor().newInstance();
      Method primal = owner.getMethod(name, double.class, double.class);
      Method gradient = frame.getClass().getMethod("valueAndGradient", double.class,
          double.class);
      double[] v = {0.6, -0.3};
      for (int call = 0; call < 3; call++) {
        assertEquals((double) primal.invoke(null, v[0], v[1]),
            (double) gradient.invoke(frame, v[0], v[1]), 1e-12);
      }
      double[] analytic = {frame.getClass().getField("dx").getDouble(frame),
          frame.getClass().getField("dy").getDouble(frame)};
      GradCheck.check(p -> call(primal, p[0], p[1]), v, analytic).assertWithin(1e-6);
    }
  }

  private static double[] w(double[] v) {
    return new double[] {v[2], v[3], v[4]};
  }

  private static double[][] bigW(double[] v) {
    return new double[][] {{v[5], v[6], v[7]}, {v[8], v[9], v[10]}};
  }

  private static double call(Method m, Object... args) {
    try {
      return (double) m.invoke(null, args);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new AssertionError(e);
    }
  }

  /** The nested sweeps class of one frame. */
  private static String frameClass(String frame) {
    int start = generated.indexOf("static final class " + frame + " extends");
    int end = generated.indexOf("static final class ", start + 1);
    return generated.substring(start, end < 0 ? generated.length() : end);
  }

  /** A frame's sweeps without {@code hvp}, whose backward sweep is second order's own. */
  private static String withoutHvp(String sweeps) {
    int start = sweeps.indexOf(" hvp(");
    if (start < 0) {
      return sweeps;
    }
    int end = sweeps.indexOf("\n    }\n", start);
    return sweeps.substring(0, start) + sweeps.substring(end);
  }

  private static int count(String text, String part) {
    Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
