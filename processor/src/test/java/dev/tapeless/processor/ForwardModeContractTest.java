package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What forward mode promises beyond correct tangents (which the integration corpus and the
 * random tester check): a pushforward's signature is checked at compile time, a custom
 * derivative without one leaves reverse mode working and makes {@code jvp} say what to add, and
 * bad tangents are rejected with the parameter's name.
 */
class ForwardModeContractTest {

  @Test
  void rejectsPushforwardWithWrongSignature() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  @CustomDerivative(value = \"cubePullback\", pushforward = \"cubeTangent\")\n"
        + "  public static double cube(double x) { return x * x * x; }\n"
        + "  public static double cubePullback(double x, double dResult) { return 0; }\n"
        + "  public static double cubeTangent(double x) { return 3 * x * x; }\n"
        + "  @Differentiable\n"
        + "  public static double f(double x) {\n"
        + "    return cube(x);\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL014] @CustomDerivative(pushforward = \"cubeTangent\")"
        + " on T.cube needs a method in T with the signature public static double"
        + " cubeTangent(double x, double xDot)").inFile(file).onLine(10);
  }

  private static final String WITHOUT_PUSHFORWARD = """
      package m;
      import dev.tapeless.*;
      public final class M {
        private M() {}
        @CustomDerivative("cubePullback")
        public static double cube(double x) { return x * x * x; }
        public static double cubePullback(double x, double dResult) {
          return 3 * x * x * dResult;
        }
        @Differentiable
        public static double f(double x, double[] w) {
          return cube(x) + w[0] * x;
        }
      }
      """;

  @Test
  void customDerivativeWithoutPushforwardKeepsReverseModeAndJvpSaysWhatToAdd(
      @TempDir Path dir) throws Exception {
    Compilation c = Sources.compile(JavaFileObjects.forSourceString("m.M", WITHOUT_PUSHFORWARD));
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(1);
    assertThat(c).hadWarningContaining("[TL027] @CustomDerivative on cube has no pushforward");
    Sources.writeClasses(c, dir);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
        getClass().getClassLoader())) {
      Class<?> frameClass = loader.loadClass("m.M_Grad$F");
      Object frame = frameClass.getConstructor().newInstance();
      double[] w = {2.0};
      double value = (double) frameClass.getMethod("valueAndGradient", double.class,
          double[].class).invoke(frame, 1.5, w);
      assertEquals(1.5 * 1.5 * 1.5 + 3.0, value, 1e-12);
      Method jvp = frameClass.getMethod("jvp", double.class, double[].class, double.class,
          double[].class);
      InvocationTargetException e = assertThrows(InvocationTargetException.class,
          () -> jvp.invoke(frame, 1.5, w, 1.0, null));
      assertTrue(e.getCause() instanceof UnsupportedOperationException, e.getCause() + "");
      assertEquals("forward mode of M.f needs a pushforward for M.cube: add pushforward ="
          + " \"...\" to its @CustomDerivative", e.getCause().getMessage());
    }
  }

  private static final String NO_INPUTS = """
      package n;
      import dev.tapeless.*;
      public final class N {
        private N() {}
        @Differentiable
        public static void f(double[] s, @Out double[][] res) {
          res[1][0] = -0.83;
        }
      }
      """;

  /**
   * With fewer inputs than outputs {@code jacobian} goes by columns, but with no input element
   * at all there is no column: the outputs must still be written (random tester, CI seed).
   */
  @Test
  void jacobianWithoutInputElementsStillWritesTheOutputs(@TempDir Path dir) throws Exception {
    Compilation c = Sources.compile(JavaFileObjects.forSourceString("n.N", NO_INPUTS));
    assertThat(c).succeeded();
    Sources.writeClasses(c, dir);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
        getClass().getClassLoader())) {
      Class<?> frameClass = loader.loadClass("n.N_Grad$F");
      Object frame = frameClass.getConstructor().newInstance();
      double[][] res = {{1, 2}, {3, 4}};
      frameClass.getMethod("jacobian", double[].class, double[][].class, double[][].class)
          .invoke(frame, new double[0], res, new double[4][0]);
      assertEquals(-0.83, res[1][0]);
      assertEquals(4.0, res[1][1]);
    }
  }

  private static final String SHAPES = """
      package s;
      import dev.tapeless.*;
      public final class S {
        private S() {}
        @Differentiable
        public static void f(double[] x, @Out double[] y) {
          for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * x[i];
          }
        }
      }
      """;

  @Test
  void wrongTangentShapesAndAliasedOutputTangentsAreRejected(@TempDir Path dir)
      throws Exception {
    Compilation c = Sources.compile(JavaFileObjects.forSourceString("s.S", SHAPES));
    assertThat(c).succeededWithoutWarnings();
    Sources.writeClasses(c, dir);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
        getClass().getClassLoader())) {
      Class<?> frameClass = loader.loadClass("s.S_Grad$F");
      Object frame = frameClass.getConstructor().newInstance();
      Method jvp = frameClass.getMethod("jvp", double[].class, double[].class, double[].class,
          double[].class);
      double[] x = {1, 2};
      double[] y = new double[2];
      InvocationTargetException shape = assertThrows(InvocationTargetException.class,
          () -> jvp.invoke(frame, x, y, new double[3], new double[2]));
      assertEquals("S_Grad.F: xTangent has shape 3 but parameter x has shape 2; pass an array"
          + " of the parameter's shape, or null for a zero tangent", shape.getCause().getMessage());
      double[] tangent = {1, 1};
      InvocationTargetException aliased = assertThrows(InvocationTargetException.class,
          () -> jvp.invoke(frame, x, y, tangent, tangent));
      assertTrue(aliased.getCause().getMessage().contains("yTangent"),
          aliased.getCause().getMessage());
      assertEquals(1.0, tangent[0], "a rejected call leaves the tangents as they were");
      double[] yTangent = {7, 7};
      jvp.invoke(frame, x, y, null, yTangent);
      assertEquals(0.0, yTangent[0]);
      jvp.invoke(frame, x, y, tangent, yTangent);
      assertEquals(2.0, yTangent[0], 1e-15);
      assertEquals(4.0, yTangent[1], 1e-15);
    }
  }
  @Test
  void rejectsFusedJvpWithWrongSignatureOrOnAMethodReturningAValue() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  @CustomDerivative(value = \"twicePullback\", pushforward = \"twicePushforward\",\n"
        + "      jvp = \"twiceJvp\")\n"
        + "  public static void twice(double[] x, @Out double[] y) { y[0] = 2 * x[0]; }\n"
        + "  public static void twicePullback(double[] x, double[] y, double[] dy, double[] dx) {}\n"
        + "  public static void twicePushforward(double[] x, double[] y, double[] xDot,"
        + " double[] yDot) {}\n"
        + "  public static void twiceJvp(double[] x, double[] y, double[] xDot) {}\n"
        + "  @CustomDerivative(value = \"cubePullback\", pushforward = \"cubeTangent\","
        + " jvp = \"cubeJvp\")\n"
        + "  public static double cube(double x) { return x * x * x; }\n"
        + "  public static double cubePullback(double x, double dResult) { return 0; }\n"
        + "  public static double cubeTangent(double x, double xDot) { return 0; }\n"
        + "  @Differentiable\n"
        + "  public static double f(double[] x, double[] y) {\n"
        + "    twice(x, y);\n"
        + "    return cube(y[0]);\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL014] @CustomDerivative(jvp = \"twiceJvp\") on T.twice"
        + " needs a method in T with the signature public static void twiceJvp(double[] x,"
        + " double[] y, double[] xDot, double[] yDot)");
    assertThat(c).hadErrorContaining("[TL014] @CustomDerivative(jvp = \"cubeJvp\") on T.cube:"
        + " only a void method with a pushforward can have a fused jvp; remove jvp (the method"
        + " returns double)");
  }

  private static final String FUSED = """
      package q;
      import dev.tapeless.*;
      public final class Q {
        private Q() {}
        public static int kernelCalls;
        public static int pushforwardCalls;
        public static int fusedCalls;
        @CustomDerivative(value = "scalePullback", pushforward = "scalePushforward",
            jvp = "scaleJvp")
        public static void scale(double[] x, @Out double[] y) {
          kernelCalls++;
          for (int i = 0; i < x.length; i++) { y[i] = 3 * x[i] * x[i]; }
        }
        public static void scalePullback(double[] x, double[] y, double[] dy, double[] dx) {
          for (int i = 0; i < x.length; i++) { dx[i] += 6 * x[i] * dy[i]; dy[i] = 0; }
        }
        @CustomDerivative("scalePushforwardPullback")
        public static void scalePushforward(double[] x, double[] y, double[] xDot,
            @Out double[] yDot) {
          pushforwardCalls++;
          for (int i = 0; i < x.length; i++) { yDot[i] = 6 * x[i] * xDot[i]; }
        }
        public static void scalePushforwardPullback(double[] x, double[] y, double[] xDot,
            double[] yDot, double[] dyDot, double[] dx, double[] dy, double[] dxDot) {
          for (int i = 0; i < x.length; i++) {
            dx[i] += 6 * xDot[i] * dyDot[i];
            dxDot[i] += 6 * x[i] * dyDot[i];
            dyDot[i] = 0;
          }
        }
        public static void scaleJvp(double[] x, double[] y, double[] xDot, double[] yDot) {
          fusedCalls++;
          for (int i = 0; i < x.length; i++) {
            y[i] = 3 * x[i] * x[i];
            yDot[i] = 6 * x[i] * xDot[i];
          }
        }
        @Differentiable
        public static double f(double[] x) {
          double[] y = new double[x.length];
          scale(x, y);
          return y[0] + 2 * y[1];
        }
      }
      """;

  @Test
  void jvpCallsTheFusedMethodInPlaceOfTheKernelAndItsPushforward(@TempDir Path dir)
      throws Exception {
    Compilation c = Sources.compile(JavaFileObjects.forSourceString("q.Q", FUSED));
    assertThat(c).succeeded(); // TL027 on scalePushforward: third order is not asked for
    assertThat(c).hadWarningContaining("public static void scalePushforwardDot(double[] x,"
        + " double[] y, double[] xDot, double[] yDot, double[] xTangent, double[] yTangent,"
        + " double[] xDotDot, double[] yDotDot)"); // a signature that compiles
    Sources.writeClasses(c, dir);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
        getClass().getClassLoader())) {
      Class<?> owner = loader.loadClass("q.Q");
      Class<?> frameClass = loader.loadClass("q.Q_Grad$F");
      Object frame = frameClass.getConstructor().newInstance();
      double[] x = {1.5, -2.0};
      double[] v = {0.5, 0.25};
      double tangent = (double) frameClass.getMethod("jvp", double[].class, double[].class)
          .invoke(frame, x, v);
      assertEquals(6 * 1.5 * 0.5 + 2 * 6 * -2.0 * 0.25, tangent, 1e-15);
      assertEquals(3 * 1.5 * 1.5 + 2 * 3 * 4.0, (double) frameClass.getField("value").get(frame),
          1e-15);
      assertEquals(1, owner.getDeclaredField("fusedCalls").getInt(null));
      assertEquals(0, owner.getDeclaredField("kernelCalls").getInt(null));
      assertEquals(0, owner.getDeclaredField("pushforwardCalls").getInt(null));
      Object hvpFrame = frameClass.getConstructor().newInstance();
      frameClass.getMethod("hvp", double[].class, double[].class).invoke(hvpFrame, x, v);
      double[] hv = (double[]) frameClass.getField("dx").get(hvpFrame);
      assertEquals(6 * 0.5, hv[0], 1e-15, "second order still goes through the pushforward");
      assertEquals(2 * 6 * 0.25, hv[1], 1e-15);
      assertEquals(1, owner.getDeclaredField("pushforwardCalls").getInt(null));
    }
  }
}
