package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * TL026: a differentiated array parameter from which no derivative reaches the result (a
 * data-sized array marked nothing, used as a mask or for its length) is warned about on the
 * parameter itself; one that carries a derivative, a {@code @NoDerivative} one, or one left out
 * of {@code wrt} is not.
 */
class UnusedArrayWarningTest {

  private static Compilation compile(String signature, String body) {
    return Sources.compile(Sources.classWith("public class T {\n"
        + "  @Differentiable" + signature + " {\n" + body + "  }\n}"));
  }

  private static final String MASKED_SUM = "    double s = 0;\n"
      + "    for (int i = 0; i < w.length; i++) {\n"
      + "      if (mask[i] > 0.5) {\n"
      + "        s += w[i] * w[i] * data[i % data.length][0];\n"
      + "      }\n"
      + "    }\n"
      + "    return s;\n";

  @Test
  void anArrayOnlyReadInConditionsAndIndicesIsWarnedOnTheParameter() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static double f(double[] w, double[] mask, @NoDerivative double[][] data) {\n"
        + MASKED_SUM + "  }\n}");
    Compilation c = Sources.compile(file);
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(1);
    assertThat(c).hadWarningContaining("[TL026] parameter 'mask' of T.f is differentiated, but"
        + " no derivative flows from it").inFile(file).onLineContaining("double[] mask");
  }

  @Test
  void anArrayNeverReadIsWarnedToo() {
    Compilation c = compile(" public static double f(double x, double[][] unused)",
        "    return x * x;\n");
    assertThat(c).hadWarningContaining("[TL026] parameter 'unused'");
  }

  @Test
  void noDerivativeWrtAndUsedArraysAreNotWarned() {
    assertThat(compile(" public static double f(double[] w, @NoDerivative double[] mask,"
        + " @NoDerivative double[][] data)", MASKED_SUM)).succeededWithoutWarnings();
    assertThat(compile("(wrt = \"w\") public static double f(double[] w, double[] mask,"
        + " double[][] data)", MASKED_SUM)).succeededWithoutWarnings();
  }

  @Test
  void anArrayPassedToADifferentiatedCalleeIsNotWarned() {
    Compilation c = Sources.compile(Sources.classWith("public class T {\n"
        + "  @Differentiable public static double g(double[] v) { return v[0] * v[1]; }\n"
        + "  @Differentiable public static double f(double[] v) { return g(v); }\n}"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void suppressWarningsTl026SilencesIt() {
    Compilation c = compile(" @SuppressWarnings(\"TL026\")"
        + " public static double f(double x, double[] unused)", "    return x * x;\n");
    assertThat(c).succeededWithoutWarnings();
  }
}
