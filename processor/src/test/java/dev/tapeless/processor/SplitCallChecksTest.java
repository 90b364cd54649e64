package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller skips its callee's argument checks only where it proved them (rows {@code t} and
 * {@code t + 1} of its own array, its own output next to its other parameters); where the
 * arguments may share storage the callee still checks, and an aliased call is rejected at run
 * time rather than given a wrong gradient.
 */
class SplitCallChecksTest {
  private static final String SOURCE = """
      package p;
      import dev.tapeless.*;
      public final class P {
        private P() {}
        @Differentiable
        public static void step(double[] w, double[] prev, @Out double[] next) {
          for (int j = 0; j < next.length; j++) {
            next[j] = Math.tanh(w[j] * prev[j] + 0.25);
          }
        }
        @Differentiable
        public static double rows(double[] w, @NoDerivative int steps) {
          double[][] h = new double[steps + 1][w.length];
          for (int j = 0; j < w.length; j++) {
            h[0][j] = 0.5 + j;
          }
          for (int t = 0; t < steps; t++) {
            step(w, h[t], h[t + 1]);
          }
          double s = 0;
          for (int j = 0; j < w.length; j++) {
            s += h[steps][j] * h[steps][j];
          }
          return s;
        }
        @Differentiable
        public static double chosen(double[] w, @NoDerivative int from, @NoDerivative int to) {
          double[][] h = new double[3][w.length];
          for (int j = 0; j < w.length; j++) {
            h[from][j] = w[j] + 0.5;
          }
          step(w, h[from], h[to]);
          double s = 0;
          for (int j = 0; j < w.length; j++) {
            s += h[to][j];
          }
          return s;
        }
        @Differentiable
        public static void passOn(double[] w, double[] x, @Out double[] y) {
          step(w, x, y);
        }
        @Differentiable
        public static void passTwice(double[] w, @Out double[] y) {
          step(w, y, y);
        }
      }
      """;

  @TempDir
  static Path classes;
  private static Compilation compilation;
  private static ClassLoader loader;

  @BeforeAll
  static void compile() throws IOException {
    // callees keep their frames: small ones would otherwise be inlined into the callers
    compilation = Compiler.javac().withProcessors(new TapelessProcessor())
        .withOptions("-Atapeless.inlineCallees=false")
        .compile(JavaFileObjects.forSourceString("p.P", SOURCE));
    assertThat(compilation).succeeded();
    Sources.writeClasses(compilation, classes);
    loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        SplitCallChecksTest.class.getClassLoader());
  }

  private static String sweepsOf(String frame) throws IOException {
    String all = compilation.generatedSourceFile("p.P_GradSweeps").orElseThrow()
        .getCharContent(true).toString();
    int start = all.indexOf("class " + frame + " ");
    int end = all.indexOf("\n  static final class", start + 1);
    return all.substring(start, end < 0 ? all.length() : end);
  }

  @Test
  void neighbouringRowsOfTheCallersOwnArrayAreCalledUnchecked() throws IOException {
    String rows = sweepsOf("Rows");
    assertTrue(rows.contains("StepFrame.$splitForwardUnchecked(w, h[t], h[t + 1])"), rows);
    assertTrue(rows.contains("$splitBackwardUnchecked("), rows);
    assertFalse(rows.contains("$splitForward(") || rows.contains("$splitBackward("), rows);
  }

  @Test
  void theCallersOwnOutputBesideItsOtherParametersIsCalledUnchecked() throws IOException {
    assertTrue(sweepsOf("PassOn").contains("$splitForwardUnchecked(w, x, y)"));
  }

  @Test
  void rowsTheCallerChoosesAndAnOutputPassedTwiceKeepTheChecks() throws IOException {
    for (String frame : new String[] {"Chosen", "PassTwice"}) {
      String sweeps = sweepsOf(frame);
      assertTrue(sweeps.contains("$splitForward(") && sweeps.contains("$splitBackward("),
          frame + ": " + sweeps);
      assertFalse(sweeps.contains("Unchecked"), frame + ": " + sweeps);
    }
  }

  @Test
  void aliasedArgumentsAreStillRejectedAtRunTime() throws Exception {
    assertAliasing(frame("Chosen"), "valueAndGradient", new Class<?>[] {double[].class,
        int.class, int.class}, new double[] {0.5, -1}, 1, 1);
    assertAliasing(frame("PassTwice"), "pullback", new Class<?>[] {double[].class,
        double[].class, double[].class}, new double[] {0.5, -1}, new double[2], new double[2]);
    double[] shared = new double[2];
    assertAliasing(frame("PassOn"), "pullback", new Class<?>[] {double[].class,
        double[].class, double[].class, double[].class}, new double[] {0.5, -1}, shared, shared,
        new double[2]);
  }

  @Test
  void uncheckedCallsGiveTheGradientOfCentralDifferences() throws Exception {
    double[] w = {0.75, -0.5, 0.25};
    Object frame = frame("Rows");
    Method g = frame.getClass().getMethod("valueAndGradient", double[].class, int.class);
    Method f = loader.loadClass("p.P").getMethod("rows", double[].class, int.class);
    assertEquals((double) f.invoke(null, w, 6), (double) g.invoke(frame, w, 6), 0.0);
    double[] dw = (double[]) frame.getClass().getField("dw").get(frame);
    double h = 1e-6;
    for (int i = 0; i < w.length; i++) {
      double[] up = w.clone();
      double[] down = w.clone();
      up[i] += h;
      down[i] -= h;
      double expected = ((double) f.invoke(null, up, 6) - (double) f.invoke(null, down, 6))
          / (2 * h);
      assertEquals(expected, dw[i], 1e-7 * (1 + Math.abs(expected)), "dw[" + i + "]");
    }
  }

  private static Object frame(String name) throws Exception {
    return loader.loadClass("p.P_Grad$" + name).getConstructor().newInstance();
  }

  private static void assertAliasing(Object frame, String method, Class<?>[] types,
      Object... args) throws Exception {
    Method m = frame.getClass().getMethod(method, types);
    InvocationTargetException e = assertThrows(InvocationTargetException.class,
        () -> m.invoke(frame, args));
    assertInstanceOf(IllegalArgumentException.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("the same array is passed as"),
        e.getCause().getMessage());
  }
}
