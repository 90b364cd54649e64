package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small callees of the same package are inlined into the caller's gradient, so a time loop of
 * small steps runs without a frame call per step; a callee that calls a runtime kernel keeps its
 * frame, and {@code -Atapeless.inlineCallees=false} keeps them all. The gradient is the same
 * either way, and that of finite differences.
 */
class SmallCalleesTest {
  private static final String SOURCE = """
      package s;
      import dev.tapeless.*;
      public final class S {
        private S() {}
        @Differentiable
        public static void rhs(double a, double[] y, @Out double[] dy) {
          dy[0] = a * y[0] - y[0] * y[1];
          dy[1] = y[0] * y[1] - y[1];
        }
        @Differentiable
        public static void step(double a, double[] y, @NoDerivative double h, @Out double[] next) {
          double[] k = new double[2];
          rhs(a, y, k);
          for (int i = 0; i < 2; i++) {
            next[i] = y[i] + h * k[i];
          }
        }
        @Differentiable
        public static double layer(double[] w, double[] x) {
          return dev.tapeless.runtime.Activations.sigmoid(dev.tapeless.runtime.Linear.dot(w, x));
        }
        @Differentiable
        public static double run(double a, double[] y0, double[] w, int steps) {
          double[] y = y0.clone();
          double[] next = new double[2];
          double s = 0;
          for (int t = 0; t < steps; t++) {
            step(a, y, 0.01, next);
            System.arraycopy(next, 0, y, 0, 2);
            s += layer(w, y);
          }
          return s + y[0] * y[1];
        }
      }
      """;

  @Test
  void aSmallCalleeIsInlinedAndAKernelLayerKeepsItsFrame(@TempDir Path dir) throws Exception {
    String inlined = sweeps(compile(), "s.S_GradSweeps");
    String run = inlined.substring(inlined.indexOf("class Run"));
    assertFalse(run.contains("StepFrame."), "step is called through its frame");
    assertFalse(run.contains("RhsFrame."), "rhs is called through its frame");
    assertTrue(run.contains("LayerFrame.$splitForward"), "layer lost its frame");
    String framed = sweeps(compile("-Atapeless.inlineCallees=false"), "s.S_GradSweeps");
    assertTrue(framed.substring(framed.indexOf("class Run")).contains("StepFrame.$splitForward"));
  }

  @Test
  void theGradientIsTheSameWithAndWithoutInliningAndMatchesDifferences(@TempDir Path dir)
      throws Exception {
    double[] a = gradient(compile(), dir.resolve("inlined"));
    double[] b = gradient(compile("-Atapeless.inlineCallees=false"), dir.resolve("framed"));
    assertEquals(a.length, b.length);
    for (int i = 0; i < a.length; i++) {
      assertEquals(b[i], a[i], 1e-12 * (1 + Math.abs(b[i])), "component " + i);
    }
    // central differences of the value with respect to a
    double h = 1e-6;
    double up = value(compile(), dir.resolve("up"), 1.1 + h);
    double down = value(compile(), dir.resolve("down"), 1.1 - h);
    assertEquals((up - down) / (2 * h), a[0], 1e-6);
  }

  private static Compilation compile(String... options) {
    Compilation c = Compiler.javac().withProcessors(new TapelessProcessor()).withOptions(
        (Object[]) options).compile(JavaFileObjects.forSourceString("s.S", SOURCE));
    assertThat(c).succeeded();
    return c;
  }

  private static String sweeps(Compilation c, String name) throws IOException {
    return c.generatedSourceFile(name).orElseThrow().getCharContent(true).toString();
  }

  /** da, dy0[0], dy0[1], dw[0], dw[1] of run at fixed inputs. */
  private static double[] gradient(Compilation c, Path dir) throws Exception {
    Sources.writeClasses(c, dir);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
        SmallCalleesTest.class.getClassLoader())) {
      Class<?> frameClass = loader.loadClass("s.S_Grad$Run");
      Object frame = frameClass.getConstructor().newInstance();
      Method g = frameClass.getMethod("valueAndGradient", double.class, double[].class,
          double[].class, int.class);
      double[] result = null;
      for (int call = 0; call < 3; call++) { // a frame reused gives the same gradient
        g.invoke(frame, 1.1, new double[] {0.9, 0.4}, new double[] {0.3, -0.2}, 50);
        double[] dy0 = (double[]) frameClass.getField("dy0").get(frame);
        double[] dw = (double[]) frameClass.getField("dw").get(frame);
        double[] now = {frameClass.getField("da").getDouble(frame), dy0[0], dy0[1], dw[0], dw[1]};
        if (result != null) {
          assertArrayEquals(result, now);
        }
        result = now;
      }
      return result;
    }
  }

  private static double value(Compilation c, Path dir, double a) throws Exception {
    Sources.writeClasses(c, dir);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
        SmallCalleesTest.class.getClassLoader())) {
      Method run = loader.loadClass("s.S").getMethod("run", double.class, double[].class,
          double[].class, int.class);
      return (double) run.invoke(null, a, new double[] {0.9, 0.4}, new double[] {0.3, -0.2}, 50);
    }
  }
}
