package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code List<double[]>} and {@code List<double[][]>} parameters are read-only data, with or
 * without {@code @NoDerivative}: {@code size()}, {@code get(i)}, indexing, {@code .length}, an
 * enhanced {@code for}, rows passed to a callee's {@code @NoDerivative} parameter. Writes, other
 * List calls and every other use are errors on the exact expression saying what to write.
 */
class ListParameterDiagnosticsTest {

  /** Class {@code p.T} with a callee {@code g}; the members start on line 7. */
  private static JavaFileObject source(String members) {
    return Sources.classWith("import java.util.List;\n"
        + "public class T {\n"
        + "  @Differentiable static double g(double[] w, @NoDerivative double[] x) {"
        + " return w[0] * x[0]; }\n"
        + "  static double plain(double[] a) { return a[0]; }\n"
        + members + "\n}");
  }

  @Test
  void acceptsReadsLoopsRowsPassedOnAndTheListPassedWhole() {
    Compilation c = Sources.compile(source(
        "  @Differentiable static double f(double[] w, List<double[]> xs,"
            + " @NoDerivative List<double[][]> ms) {\n"
            + "    double s = 0;\n"
            + "    for (int i = 0; i < xs.size(); i++) {\n"
            + "      s += w[0] * xs.get(i)[0] * xs.get(i).length + g(w, xs.get(i));\n"
            + "    }\n"
            + "    for (double[] x : xs) { s += g(w, x) * x[x.length - 1]; }\n"
            + "    for (double[][] m : ms) { s += w[0] * m[0][0] + g(w, m[1]); }\n"
            + "    return s + h(w, xs) + w[0] * ms.get(0)[0][1] + g(w, ms.get(0)[0]);\n"
            + "  }\n"
            + "  @Differentiable static double h(double[] w, List<double[]> xs) {"
            + " return w[0] * xs.size(); }"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void rejectsWritingIntoARowOfTheList() {
    JavaFileObject file = source(
        "  @Differentiable static double f(double x, List<double[]> xs) {\n"
            + "    xs.get(0)[0] = x;\n"
            + "    for (double[] row : xs) { row[0] += x; }\n"
            + "    return x;\n"
            + "  }");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL120] writing into xs.get(0), a row of a List"
        + " parameter, is not supported").inFile(file).onLine(8);
    assertThat(c).hadErrorContaining("[TL120] writing into row").inFile(file).onLine(9);
  }

  @Test
  void rejectsOtherListCallsSayingWhatToWriteInstead() {
    JavaFileObject file = source(
        "  @Differentiable static double f(double x, List<double[]> xs) {\n"
            + "    return xs.isEmpty() ? 0 : x;\n"
            + "  }");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL120] calling isEmpty on a List parameter is not"
        + " supported").inFile(file).onLine(8);
    assertThat(c).hadErrorContaining("size() == 0 rather than isEmpty()");
  }

  @Test
  void rejectsARowPassedToADifferentiatedParameterOrAPlainMethod() {
    JavaFileObject file = source(
        "  @Differentiable static double f(double[] w, List<double[]> xs) {\n"
            + "    double a = g(xs.get(0), w);\n"
            + "    return a + plain(xs.get(1));\n"
            + "  }");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL120] passing xs.get(0), a row of a List parameter,"
        + " to the differentiated parameter w of g").inFile(file).onLine(8);
    assertThat(c).hadErrorContaining("[TL120] using xs.get(1), a row of a List parameter, this"
        + " way").inFile(file).onLine(9);
  }

  @Test
  void rejectsAnEnhancedForOverAMatrixOfAListOfMatricesWhoseRowsWouldBeAliases() {
    JavaFileObject file = source(
        "  @Differentiable static double f(double x, List<double[][]> ms) {\n"
            + "    double s = 0;\n"
            + "    for (double[] r : ms.get(0)) { s += x * r[0]; }\n"
            + "    return s;\n"
            + "  }");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL120] using ms.get(0), a row of a List parameter, this"
        + " way").inFile(file).onLine(9);
  }

  @Test
  void rejectsTheListUsedWholeOtherwise() {
    JavaFileObject file = source(
        "  @Differentiable static double f(double x, List<double[]> xs) {\n"
            + "    return xs == null ? 0 : x;\n"
            + "  }");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL120] using the list xs this way").inFile(file)
        .onLine(8);
  }

  @Test
  void rejectsAListAsOutputAndAListOfNumbers() {
    Compilation c = Sources.compile(source(
        "  @Differentiable static void f(double x, @Out List<double[]> xs) { }\n"
            + "  @Differentiable static double k(double x, List<Double> ys) { return x; }"));
    assertThat(c).hadErrorContaining("[TL013] @Out parameter 'xs'");
    assertThat(c).hadErrorContaining("[TL008] parameter 'ys' has type"
        + " java.util.List<java.lang.Double>");
  }
}
