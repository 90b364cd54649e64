package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Objects held by fields of a model class: a {@code @NoDerivative} one is called as a
 * {@code @NoDerivative} object parameter is (same rules, TL119 in an index); one without
 * {@code @NoDerivative}, or private, is TL123 on the field's use, saying what to write.
 */
class ObjectFieldDiagnosticsTest {

  /** Model class {@code p.T} with a config class {@code Cfg}; the fields start on line 8. */
  private static JavaFileObject source(String fields, String members) {
    return Sources.classWith("public class T {\n"
        + "  public static class Cfg {\n"
        + "    public double scale = 2;\n"
        + "    public double times(double v) { return v * scale; }\n"
        + "  }\n"
        + "  double[] w = {1, 2};\n"
        + fields + "\n"
        + members + "\n}");
  }

  @Test
  void acceptsCallsOnNoDerivativeObjectFieldsAndPassingThemOn() {
    Compilation c = Sources.compile(source(
        "  @NoDerivative java.util.Random rng = new java.util.Random(1);\n"
            + "  @NoDerivative Cfg cfg = new Cfg();",
        "  @Differentiable double f(double x) {\n"
            + "    int k = rng.nextInt(w.length);\n"
            + "    return w[k] * x * this.rng.nextGaussian() * cfg.scale + cfg.times(2.0)"
            + " + g(x, rng) + h(x) + this.h(x);\n"
            + "  }\n"
            + "  @Differentiable static double g(double x, @NoDerivative java.util.Random r) {"
            + " return x * r.nextDouble(); }\n"
            + "  @Differentiable double h(double x) { return w[0] * x * rng.nextDouble(); }"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void rejectsAnObjectFieldWithoutNoDerivativeSayingToMarkIt() {
    JavaFileObject file = source("  java.util.Random rng = new java.util.Random(1);",
        "  @Differentiable double f(double x) {\n"
            + "    return w[0] * x * rng.nextGaussian();\n"
            + "  }");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL123] the field rng holds an object"
        + " (java.util.Random)").inFile(file).onLine(11);
    assertThat(c).hadErrorContaining("mark it @NoDerivative");
  }

  @Test
  void rejectsAPrivateObjectFieldSayingToMakeItReadable() {
    JavaFileObject file = source(
        "  @NoDerivative private java.util.Random rng = new java.util.Random(1);",
        "  @Differentiable double f(double x) {\n"
            + "    return w[0] * x * rng.nextGaussian();\n"
            + "  }");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL123] the field rng").inFile(file).onLine(11);
    assertThat(c).hadErrorContaining("make it package-private (or public) and @NoDerivative");
  }

  @Test
  void rejectsADrawFromAnObjectFieldInsideAnIndex() {
    JavaFileObject file = source(
        "  @NoDerivative java.util.Random rng = new java.util.Random(1);",
        "  @Differentiable double f(double x) {\n"
            + "    return w[rng.nextInt(2)] * x;\n"
            + "  }");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL119]").inFile(file).onLine(11);
    assertThat(c).hadErrorContaining("int k = rng.nextInt(2)");
  }
}
