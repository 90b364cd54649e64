package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A row variable ({@code double[] row = W[i]}) is the array it names: writing through it is
 * checked as writing that array, and it cannot silently become a copy or another array.
 */
class RowVariableDiagnosticsTest {

  private static Compilation compile(JavaFileObject file) {
    return Sources.compile(file);
  }

  @Test
  void writingThroughARowOfAParameterNotMarkedOutNamesTheParameter() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static double f(double[][] W, double x) {\n"
        + "    double[] row = W[0];\n"
        + "    row[0] = x;\n"
        + "    return row[0] * x;\n"
        + "  }\n"
        + "}");
    Compilation c = compile(file);
    assertThat(c).hadErrorContaining("[TL117] this writes to parameter array 'W'")
        .inFile(file).onLine(7);
  }

  @Test
  void fillingARowOfAParameterNotMarkedOutIsRejected() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static double f(double[][] W, double x) {\n"
        + "    for (double[] row : W) {\n"
        + "      java.util.Arrays.fill(row, x);\n"
        + "    }\n"
        + "    return W[0][0];\n"
        + "  }\n"
        + "}");
    Compilation c = compile(file);
    assertThat(c).hadErrorContaining("[TL117]").inFile(file).onLine(7);
  }

  @Test
  void writingThroughARowOfAnOutParameterCompiles() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static void f(double[][] W, @Out double[][] Y) {\n"
        + "    for (int i = 0; i < W.length; i++) {\n"
        + "      double[] y = Y[i];\n"
        + "      double[] w = W[i];\n"
        + "      for (int j = 0; j < y.length; j++) { y[j] = w[j] * w[j]; }\n"
        + "    }\n"
        + "  }\n"
        + "}");
    Compilation c = compile(file);
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void writingThroughARowOfAModelFieldIsAFieldWrite() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  double[][] W = new double[2][2];\n"
        + "  @Differentiable\n"
        + "  public double f(double x) {\n"
        + "    double[] row = W[1];\n"
        + "    row[0] = x;\n"
        + "    return row[0] * row[1];\n"
        + "  }\n"
        + "}");
    Compilation c = compile(file);
    assertThat(c).hadErrorContaining("[TL103]").inFile(file).onLine(8);
  }

  @Test
  void writingThroughARecordComponentIsRejected() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  public record P(double[] w) {}\n"
        + "  @Differentiable\n"
        + "  public static double f(P p, double x) {\n"
        + "    double[] w = p.w();\n"
        + "    w[0] = x;\n"
        + "    return w[0] * x;\n"
        + "  }\n"
        + "}");
    Compilation c = compile(file);
    assertThat(c).hadErrorContaining("[TL117]").inFile(file).onLine(8);
  }

  @Test
  void pointingARowVariableAtAnotherArraySaysToDeclareASecondOne() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static double f(double[][] A, double[][] B) {\n"
        + "    double[] row = A[0];\n"
        + "    double s = row[0];\n"
        + "    row = B[0];\n"
        + "    return s * row[0];\n"
        + "  }\n"
        + "}");
    Compilation c = compile(file);
    assertThat(c).hadErrorContaining("[TL102] pointing row at another array is not supported")
        .inFile(file).onLine(8);
    assertThat(c).hadErrorContaining("declare a second variable for the other array");
  }
}
