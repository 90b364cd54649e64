package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A differentiable method calls one compiled earlier into a jar-like class directory: the
 * processor finds the callee's {@code @Differentiable} and {@code @CustomDerivative}
 * registrations in its class files and uses its {@code _Grad} companion.
 */
class CrossModuleTest {

  private static final String LIBRARY = """
      package lib;
      import dev.tapeless.*;
      public final class Lib {
        private Lib() {}
        @Differentiable
        public static double sumOfSquares(double[] x) {
          double s = 0;
          for (double v : x) {
            s += v * v;
          }
          return s;
        }
        @CustomDerivative(value = "cubePullback", pushforward = "cubePushforward")
        public static double cube(double x) {
          return x * x * x;
        }
        public static double cubePullback(double x, double dResult) {
          return 3 * x * x * dResult;
        }
        public static double cubePushforward(double x, double xDot) {
          return 3 * x * x * xDot;
        }
      }
      """;

  private static final String APP = """
      package app;
      import dev.tapeless.*;
      public final class App {
        private App() {}
        @Differentiable
        public static double f(double[] x, double a) {
          return a * lib.Lib.sumOfSquares(x) + lib.Lib.cube(a);
        }
      }
      """;

  @Test
  void callsDifferentiableAndCustomDerivativeMethodsFromAnotherCompilation(@TempDir Path dir)
      throws Exception {
    Path libClasses = dir.resolve("lib");
    Compilation lib = Compiler.javac().withProcessors(new TapelessProcessor())
        .compile(JavaFileObjects.forSourceString("lib.Lib", LIBRARY));
    assertThat(lib).succeededWithoutWarnings();
    Sources.writeClasses(lib, libClasses);

    List<File> classpath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(new File(entry));
    }
    classpath.add(libClasses.toFile());
    Compilation app = Compiler.javac().withProcessors(new TapelessProcessor())
        .withClasspath(classpath)
        .compile(JavaFileObjects.forSourceString("app.App", APP));
    assertThat(app).succeededWithoutWarnings();
    Path appClasses = dir.resolve("app");
    Sources.writeClasses(app, appClasses);

    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {libClasses.toUri().toURL(), appClasses.toUri().toURL()},
        getClass().getClassLoader())) {
      Class<?> frameClass = loader.loadClass("app.App_Grad$F");
      Object frame = frameClass.getConstructor().newInstance();
      Method gradient = frameClass.getMethod("valueAndGradient", double[].class, double.class);
      double[] x = {1.0, -2.0, 0.5};
      double a = 1.5;
      double value = (double) gradient.invoke(frame, x, a);
      assertEquals(a * 5.25 + a * a * a, value, 1e-12);
      double[] dx = (double[]) frameClass.getField("dx").get(frame);
      assertArrayEquals(new double[] {2 * a * 1.0, 2 * a * -2.0, 2 * a * 0.5}, dx, 1e-12);
      assertEquals(5.25 + 3 * a * a, frameClass.getField("da").getDouble(frame), 1e-12);
      // forward mode through the jar's frame (jvpInPlace) and its pushforward
      Method jvp = frameClass.getMethod("jvp", double[].class, double.class, double[].class,
          double.class);
      double[] t = {0.5, 0.25, -1.0};
      double tangent = (double) jvp.invoke(frame, x, a, t, 2.0);
      double expected = 2.0 * (5.25 + 3 * a * a);
      for (int i = 0; i < 3; i++) {
        expected += dx[i] * t[i];
      }
      assertEquals(expected, tangent, 1e-12);
    }
  }

  /**
   * A library built with {@code -g:none} and without {@code -parameters} has no parameter names
   * in its class files: its {@code wrt} still names the source's parameters, which the caller
   * reads from the callee's frame, so a differentiated argument is not a false TL114.
   */
  @Test
  void wrtOfACalleeCompiledWithoutParameterNamesStillMatches(@TempDir Path dir)
      throws Exception {
    String library = """
        package lib2;
        import dev.tapeless.*;
        public final class Scaled {
          private Scaled() {}
          @Differentiable(wrt = {"x"})
          public static double scaled(double x, double scale) {
            return scale * x * x;
          }
        }
        """;
    String app = """
        package app2;
        import dev.tapeless.*;
        public final class Caller {
          private Caller() {}
          @Differentiable
          public static double f(double a) {
            return lib2.Scaled.scaled(a, 3.0);
          }
        }
        """;
    Path libClasses = dir.resolve("lib2");
    Compilation lib = Compiler.javac().withProcessors(new TapelessProcessor())
        .withOptions("-g:none")
        .compile(JavaFileObjects.forSourceString("lib2.Scaled", library));
    assertThat(lib).succeededWithoutWarnings();
    Sources.writeClasses(lib, libClasses);
    List<File> classpath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(new File(entry));
    }
    classpath.add(libClasses.toFile());
    Compilation caller = Compiler.javac().withProcessors(new TapelessProcessor())
        .withClasspath(classpath)
        .compile(JavaFileObjects.forSourceString("app2.Caller", app));
    assertThat(caller).succeededWithoutWarnings();
    Path appClasses = dir.resolve("app2");
    Sources.writeClasses(caller, appClasses);
    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {libClasses.toUri().toURL(), appClasses.toUri().toURL()},
        getClass().getClassLoader())) {
      Class<?> frameClass = loader.loadClass("app2.Caller_Grad$F");
      Object frame = frameClass.getConstructor().newInstance();
      frameClass.getMethod("valueAndGradient", double.class).invoke(frame, 2.0);
      assertEquals(12.0, frameClass.getField("da").getDouble(frame), 1e-12);
    }
  }
}
