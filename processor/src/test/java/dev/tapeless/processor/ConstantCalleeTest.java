package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A callee whose result is constant has no backward sweep, so its forward sweep must save
 * nothing: the loop state it saved stayed on its frame and, called twice in split mode, the
 * second splitBackward popped the first call's leftovers as its own state (found by the random
 * tester, fuzz/README.md). Nothing is saved, so no saved local is declared either: the split
 * state must not name one.
 */
class ConstantCalleeTest {
  private static final String SOURCE = """
      package c;
      import dev.tapeless.*;
      public final class C {
        private C() {}
        @Differentiable
        public static double constant(double x, double[] h) {
          double[][] t = new double[1][1];
          for (double e : h) {
            int i = 0;
            while (i < h.length - 1) {
              i++;
            }
          }
          return 0.5;
        }
        @Differentiable
        public static double constantAfterStores(double[][] w) {
          double[] t = new double[3];
          java.util.Arrays.fill(t, 0.5);
          t[2] += 0.78;
          return 0.5;
        }
        @Differentiable
        public static double middle(double c, double[] h) {
          c = constant(c, h);
          return c;
        }
        @Differentiable
        public static double twice(double x, double[] h) {
          return middle(x, h) * middle(x, h) * x;
        }
      }
      """;

  @Test
  void aConstantCalleeWithLoopsLeavesNothingOnItsFrame(@TempDir Path dir) throws Exception {
    // callees behind their frames: the split mode this test is about (small ones are inlined)
    Compilation c = Compiler.javac().withProcessors(new TapelessProcessor())
        .withOptions("-Atapeless.inlineCallees=false")
        .compile(JavaFileObjects.forSourceString("c.C", SOURCE));
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[TL012] the result of C.constant");
    Sources.writeClasses(c, dir);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
        getClass().getClassLoader())) {
      Class<?> frameClass = loader.loadClass("c.C_Grad$Twice");
      Object frame = frameClass.getConstructor().newInstance();
      Method gradient = frameClass.getMethod("valueAndGradient", double.class, double[].class);
      for (int call = 0; call < 3; call++) {
        double value = (double) gradient.invoke(frame, 1.5, new double[] {1, 2, 3});
        assertEquals(0.375, value, 1e-15);
        assertEquals(0.25, frameClass.getField("dx").getDouble(frame), 1e-15);
      }
    }
  }
}
