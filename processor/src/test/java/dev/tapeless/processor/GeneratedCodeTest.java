package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Properties of generated code that matter to users, checked on the text. */
class GeneratedCodeTest {

  /** The generated API class and its sweeps, one after the other. */
  private static String generated(JavaFileObject file) {
    Compilation c = Sources.compile(file);
    assertThat(c).succeededWithoutWarnings();
    StringBuilder code = new StringBuilder();
    for (String name : new String[] {"p.T_Grad", "p.T_GradSweeps"}) {
      try {
        code.append(c.generatedSourceFile(name).orElseThrow().getCharContent(true));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return code.toString();
  }

  @Test
  void generatedCodeIsAsciiOnly() {
    String code = generated(Sources.classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static double f(double[] w, double[][] m, double s) {\n"
        + "    double t = 0;\n"
        + "    for (int i = 0; i < w.length; i++) { t += Math.sqrt(w[i] * w[i] + m[i][0]) * s; }\n"
        + "    return t;\n"
        + "  }\n"
        + "  @Differentiable\n"
        + "  public static void g(double[] x, @Out double[] y) { y[0] = x[0] * x[1]; }\n"
        + "}"));
    for (int i = 0; i < code.length(); i++) {
      assertTrue(code.charAt(i) < 128, "non-ASCII '" + code.charAt(i) + "' in: "
          + code.substring(Math.max(0, i - 80), Math.min(code.length(), i + 40)));
    }
  }

  @Test
  void forwardSweepKeepsUserVariableNames() {
    String code = generated(Sources.method("double product = x * y;\n"
        + "double scaled = product * n;\n"
        + "return scaled;"));
    assertTrue(code.contains("double product = x * y;"), code);
    assertTrue(code.contains("double scaled = product * n;"), code);
  }

  @Test
  void backwardBlocksNameTheStatementTheyReverse() {
    String code = generated(Sources.method("double s = Math.sin(x);\nreturn s * y;"));
    assertTrue(code.contains("// double s = Math.sin(x)"), code);
    assertTrue(code.contains("// return s * y"), code);
  }

  @Test
  void generatedClassIsAnnotatedGeneratedAndHasJavadoc() {
    String code = generated(Sources.method("return x * y;"));
    assertTrue(
        code.contains("@Generated(") && code.contains("dev.tapeless.processor.TapelessProcessor"),
        code);
    assertTrue(
        code.contains("Value and gradient of {@link T#f(double, double, int)}"), code);
  }

  @Test
  void onlyOverwrittenValuesThatAreNeededAreSaved() {
    String code = generated(Sources.method(
        "double a = x * y;\n"       // a is read by the backward sweep of b = a * a
            + "double b = a * a;\n"
            + "a = b + 1;\n"        // overwrites a, which is needed: saved
            + "double c = x + 1;\n" // c is only added: never needed
            + "c = c + a;\n"
            + "return c;"));
    assertTrue(code.contains("double aSaved = a;"), code);
    assertFalse(code.contains("cSaved"), code);
  }

  @Test
  void classMayUseItsOwnGradientClass() {
    Compilation c = Sources.compile(Sources.classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static double f(double x) { return x * x; }\n"
        + "  public static double slope(double x) {\n"
        + "    T_Grad.F g = new T_Grad.F();\n"
        + "    g.valueAndGradient(x);\n"
        + "    return g.dx;\n"
        + "  }\n"
        + "}"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void classMayUseItsOwnGradientClassThroughVarInAnAnonymousClass() {
    Compilation c = Sources.compile(Sources.classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static double f(double x) { return x * x; }\n"
        + "  static java.util.function.DoubleUnaryOperator slope() {\n"
        + "    var g = new T_Grad.F();\n"
        + "    return new java.util.function.DoubleUnaryOperator() {\n"
        + "      @Override public double applyAsDouble(double x) {\n"
        + "        g.valueAndGradient(x);\n"
        + "        return g.dx;\n"
        + "      }\n"
        + "    };\n"
        + "  }\n"
        + "}"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void generatedCodeHasNoLintWarningsForALongLoopCounter() {
    Compilation c = com.google.testing.compile.Compiler.javac()
        .withProcessors(new TapelessProcessor())
        .withOptions("-Xlint:all", "-Xlint:-processing")
        .compile(Sources.classWith("public class T {\n"
            + "  @Differentiable\n"
            + "  public static double f(double[] x, long n) {\n"
            + "    double s = 0;\n"
            + "    for (long i = 0; i < n; i++) {\n"
            + "      s += Math.sin(x[(int) (i % x.length)]);\n"
            + "    }\n"
            + "    return s;\n"
            + "  }\n"
            + "}"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void kernelSkipsTheAdjointOfAnInputNobodyNeeds() {
    String code = generated(Sources.classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static double f(double[][] W, @NoDerivative double[] x) {\n"
        + "    double[] y = new double[W.length];\n"
        + "    dev.tapeless.runtime.Linear.matvec(W, x, y);\n"
        + "    return dev.tapeless.runtime.Linear.sum(y);\n"
        + "  }\n"
        + "}"));
    assertTrue(code.contains("Linear.matvecPullback(W, x, y, yBar, WBar, null);"), code);
  }

  @Test
  void reversedLoopsFirstTestTheLengthsOfTheArraysTheyIndex() {
    String code = generated(Sources.classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static double f(double[][] W, double[] h, double[] c, int n) {\n"
        + "    double a = 0;\n"
        + "    for (int j = 0; j < n; j++) {\n"
        + "      a += W[0][j] * h[j];\n"
        + "      if (j < c.length) {\n"
        + "        a += c[j] * c[j];\n"
        + "      }\n"
        + "    }\n"
        + "    return a * a;\n"
        + "  }\n"
        + "}"));
    // So that C2 drops the bounds checks inside; c, read only on a branch, is not tested.
    assertTrue(code.contains("if (WBarRow.length < n || h.length < n || hBar.length < n"
        + " || WRow.length < n) {\n"), code);
    assertTrue(code.contains("throw new ArrayIndexOutOfBoundsException(\"index out of bounds in"
        + " the backward sweep of for (int j = 0; j < n; j++)\");"), code);
  }

  @Test
  void valueAndGradientSetsWeightGradientsThroughAnAssigningPullback() {
    String code = generated(Sources.classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static double f(double[][] W, double[] b, @NoDerivative double[] x) {\n"
        + "    double[] y = new double[W.length];\n"
        + "    dev.tapeless.runtime.Linear.matvec(W, x, y);\n"
        + "    for (int i = 0; i < y.length; i++) {\n"
        + "      y[i] += b[i];\n"
        + "    }\n"
        + "    return dev.tapeless.runtime.Linear.sum(y);\n"
        + "  }\n"
        + "}"));
    code = withoutSecondOrder(code);
    assertTrue(code.contains("if (overwrite) {\n"
        + "        Linear.matvecPullbackAssigning(W, x, y, yBar, WBar, null);\n"
        + "      } else {\n"
        + "        Linear.matvecPullback(W, x, y, yBar, WBar, null);\n"), code);
    String start = code.substring(code.lastIndexOf("void startOverwrite("),
        code.lastIndexOf("void endOverwrite("));
    assertTrue(start.contains("Buffers.fill(frame.db, 0.0);"), start);
    assertFalse(start.contains("frame.dW"), start);
    // matvec's pullback reads y only for its shape, so the bias loop saves nothing.
    assertFalse(code.contains("pushDouble(y[i])"), code);
  }

  /**
   * The code without the sweeps' {@code hvp}, whose tangent program keeps values for the
   * kernels' second-order pullbacks that first order does not need.
   */
  private static String withoutSecondOrder(String code) {
    int start = code.indexOf("    @Override\n    double hvp(");
    if (start < 0) {
      return code;
    }
    int end = code.indexOf("\n    }\n", start) + "\n    }\n".length();
    return code.substring(0, start) + code.substring(end);
  }

  @Test
  void independentIncrementsReverseAsOneSimpleLoopEach() {
    String code = generated(Sources.classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static double f(double[][] W, double[] h) {\n"
        + "    double a = 0;\n"
        + "    double b = 0;\n"
        + "    for (int j = 0; j < h.length; j++) {\n"
        + "      a += W[0][j] * h[j];\n"
        + "      b += W[1][j] * h[j];\n"
        + "    }\n"
        + "    return a * b;\n"
        + "  }\n"
        + "}"));
    assertTrue(code.contains("double[] WBarRow = WBar[1];"), code);
    assertTrue(code.contains("WBarRow[j] += bBar * h[j];"), code);
    assertTrue(code.contains("double[] WBarRow2 = WBar[0];"), code);
    assertTrue(code.contains("WBarRow2[j] += aBar * h[j];"), code);
  }

  @Test
  void inactiveValuesGetNoAdjoint() {
    String code = generated(Sources.classWith("public class T {\n"
        + "  @Differentiable(wrt = \"x\")\n"
        + "  public static double f(double x, double y) {\n"
        + "    double k = y * y;\n"
        + "    return x * k;\n"
        + "  }\n"
        + "}"));
    assertFalse(code.contains("kBar"), code);
    assertFalse(code.contains("dy"), code);
  }
}
