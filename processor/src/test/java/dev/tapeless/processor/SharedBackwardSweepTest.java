package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The backward sweep is written once per method, as a private method that {@code backpropagate}
 * and {@code splitBackward} both call, unless its parameters would not fit in a JVM method.
 */
class SharedBackwardSweepTest {

  private static String sweeps(JavaFileObject file) throws IOException {
    Compilation c = Sources.compile(file);
    assertThat(c).succeeded();
    return c.generatedSourceFile("p.T_GradSweeps").orElseThrow().getCharContent(true)
        .toString();
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  /** The body of the generated method whose declaration contains {@code signature}. */
  private static String body(String code, String signature) {
    int start = code.indexOf(signature);
    assertTrue(start >= 0, signature + " in:\n" + code);
    return code.substring(start, code.indexOf("\n    }\n", start));
  }

  @Test
  void backwardSweepIsOneMethodThatBothSweepsCall() throws IOException {
    String code = sweeps(Sources.classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static double f(double[] w, double s) {\n"
        + "    double t = 0;\n"
        + "    for (int i = 0; i < w.length; i++) { t += Math.sin(w[i] * s); }\n"
        + "    double u = t * t;\n"
        + "    return Math.exp(u) * s;\n"
        + "  }\n"
        + "}"));
    assertEquals(1, count(code, "private void backwardSweep("), code);
    // the frame, the arguments, the seed, then the locals the sweep reads (not u: exp(u) is t2)
    String call = "backwardSweep(frame, w, s, dResult, t, t1, t2);";
    for (String caller : new String[] {"double backpropagate(", "void splitBackward("}) {
      String body = body(code, caller);
      assertTrue(body.contains(call), body);
      assertFalse(body.contains("// double u = t * t"), body);
    }
    String shared = body(code, "private void backwardSweep(");
    assertTrue(shared.contains("// double u = t * t"), shared);
    assertTrue(shared.contains("t1 = this.saved.popDouble();"), shared);
  }

  /** (with the warning that the gradient is zero) */
  @Test
  void methodWithoutAdjointsHasNoBackwardSweep() throws IOException {
    String code = sweeps(Sources.classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static double f(double x, @NoDerivative double y) { return y * y; }\n"
        + "}"));
    assertFalse(code.contains("backwardSweep"), code);
  }

  /**
   * 130 {@code double} locals the backward sweep reads take 260 parameter slots, more than a
   * JVM method has: each sweep keeps its own copy, as before the sweep was shared.
   */
  @Test
  void backwardSweepNeedingMoreThan255ParameterSlotsStaysInBothSweeps() throws IOException {
    StringBuilder body = new StringBuilder("double t0 = x * y;\n");
    for (int i = 1; i < 130; i++) {
      body.append("double t").append(i).append(" = t").append(i - 1).append(" * x + y;\n");
    }
    body.append("return t129 * t129;");
    Compilation c = Sources.compile(Sources.method(body.toString()));
    // both sweeps together are over HotSpot's limit; no other warning
    assertThat(c).hadWarningCount(1);
    assertThat(c).hadWarningContaining("TL015");
    String code = c.generatedSourceFile("p.T_GradSweeps").orElseThrow().getCharContent(true)
        .toString();
    assertFalse(code.contains("backwardSweep"), code);
    assertTrue(body(code, "double backpropagate(").contains("// double t5 = t4 * x + y"), code);
    assertTrue(body(code, "void splitBackward(").contains("// double t5 = t4 * x + y"), code);
  }
}
