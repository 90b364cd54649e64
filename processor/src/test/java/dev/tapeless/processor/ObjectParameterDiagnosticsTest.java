package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Objects passed as {@code @NoDerivative} parameters (a {@code java.util.Random}, a config
 * class): calls and number fields on them are constants; everything that would lose a
 * derivative, call the object a second time, or that the generated class cannot reach is an
 * error on the exact parameter or expression, saying what to write instead.
 */
class ObjectParameterDiagnosticsTest {

  /** Class {@code p.T} with a config class {@code Cfg}; the members start on line 9. */
  private static JavaFileObject source(String members) {
    return Sources.classWith("public class T {\n"
        + "  public static class Cfg {\n"
        + "    public double scale = 2; public int n = 3; public double[] table = {1, 2};\n"
        + "    public double times(double v) { return v * scale; }\n"
        + "    public int next() { return n++; }\n"
        + "  }\n"
        + members + "\n}");
  }

  @Test
  void acceptsCallsAndFieldReadsOnARandomAndAConfigObject() {
    Compilation c = Sources.compile(source(
        "  @Differentiable static double f(double x, @NoDerivative java.util.Random rng,"
            + " @NoDerivative Cfg cfg) {\n"
            + "    int k = rng.nextInt(cfg.n);\n"
            + "    return x * rng.nextGaussian() * cfg.scale + k * cfg.times(2.0) + g(x, cfg);\n"
            + "  }\n"
            + "  @Differentiable static double g(double x, @NoDerivative Cfg cfg) {"
            + " return x * cfg.next(); }"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void acceptsARandomParameterOfAModelMethodAndPrintsItsIrAndGraph() throws IOException {
    java.nio.file.Path graphs = java.nio.file.Files.createTempDirectory("graphs");
    Compilation c = com.google.testing.compile.Compiler.javac()
        .withProcessors(new TapelessProcessor())
        .withOptions("-Atapeless.printIr=true", "-Atapeless.graphs=" + graphs)
        .compile(source(
            "  double[] w = {1, 2};\n"
                + "  @Differentiable double f(double x, @NoDerivative java.util.Random rng) {\n"
                + "    return w[0] * x * rng.nextGaussian() + w[1] * h(x, rng);\n"
                + "  }\n"
                + "  @Differentiable double h(double x, @NoDerivative java.util.Random rng) {"
                + " return x * rng.nextDouble(); }"));
    assertThat(c).succeeded();
    assertThat(c).hadNoteContaining("rng.nextGaussian()");
    assertTrue(java.nio.file.Files.exists(graphs.resolve("p.T.f.dot")));
  }

  @Test
  void rejectsAnObjectParameterWithoutNoDerivativeSayingToAddIt() {
    JavaFileObject file = source(
        "  @Differentiable static double f(double x, java.util.Random rng) {\n"
            + "    return x * rng.nextGaussian();\n"
            + "  }");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL008] parameter 'rng' has type java.util.Random, which"
        + " is not supported").inFile(file).onLine(9);
    assertThat(c).hadErrorContaining("allowed when marked @NoDerivative");
  }

  @Test
  void rejectsBoxedNumbersAndGenericObjectsWithTl008() {
    Compilation c = Sources.compile(source(
        "  @Differentiable static double f(double x, @NoDerivative Double d,"
            + " @NoDerivative java.util.Map<String, Double> m) { return x; }"));
    assertThat(c).hadErrorContaining("[TL008] parameter 'd' has type java.lang.Double");
    assertThat(c).hadErrorContaining("[TL008] parameter 'm' has type"
        + " java.util.Map<java.lang.String,java.lang.Double>");
  }

  @Test
  void rejectsAnObjectOfAPrivateClass() {
    Compilation c = Sources.compile(Sources.classWith("public class T {\n"
        + "  private static class Hidden { double v() { return 1; } }\n"
        + "  @Differentiable static double f(double x, @NoDerivative Hidden h) {"
        + " return x * h.v(); }\n"
        + "}"));
    assertThat(c).hadErrorContaining("[TL029] parameter 'h' has type p.T.Hidden, which is"
        + " private");
  }

  @Test
  void rejectsADifferentiatedValuePassedToTheObjectNamingTheCall() {
    JavaFileObject file = source(
        "  @Differentiable static double f(double x, @NoDerivative Cfg cfg) {\n"
            + "    return cfg.times(x);\n"
            + "  }");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL108] call to Cfg.times: its argument 'x' depends on a"
        + " differentiated parameter").inFile(file).onLine(10);
  }

  @Test
  void rejectsACallOnTheObjectInsideAnArrayIndex() {
    JavaFileObject file = source(
        "  @Differentiable static double f(double[] w, @NoDerivative java.util.Random rng) {\n"
            + "    return w[rng.nextInt(w.length)] * w[0];\n"
            + "  }");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL119] using rng.nextInt(w.length) in an array index is"
        + " not supported").inFile(file).onLine(10);
    assertThat(c).hadErrorContaining("int k = rng.nextInt(w.length);");
  }

  /**
   * Random tester, seed 2505: {@code acc[(m25(.., rng) < 0.5) ? q : q][1]} drew twice in the
   * gradient (the backward sweep evaluates the index again) where the method drew once.
   */
  @Test
  void rejectsTheObjectPassedToACallInsideAnArrayIndex() {
    JavaFileObject file = source(
        "  @Differentiable static double g(double x, @NoDerivative java.util.Random rng) {\n"
            + "    return x * rng.nextGaussian();\n"
            + "  }\n"
            + "  @Differentiable static double f(double[] w, @NoDerivative java.util.Random rng) {\n"
            + "    return w[g(0.5, rng) < 0.5 ? 0 : 1] * w[0];\n"
            + "  }");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL119] passing an object to g in an array index is not"
        + " supported").inFile(file).onLine(13);
    assertThat(c).hadErrorContaining("(double v = g(0.5, rng); then use v in the index)");
  }

  @Test
  void rejectsACallOnTheObjectAsTheIndexOfAListRow() {
    JavaFileObject file = source(
        "  @Differentiable static double f(double x, java.util.List<double[]> xs,"
            + " @NoDerivative java.util.Random rng) {\n"
            + "    return x * xs.get(rng.nextInt(xs.size()))[0];\n"
            + "  }");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL119] using rng.nextInt(xs.size()) in an array index")
        .inFile(file).onLine(10);
  }

  @Test
  void rejectsAnArrayFieldOfTheObject() {
    JavaFileObject file = source(
        "  @Differentiable static double f(double x, @NoDerivative Cfg cfg) {\n"
            + "    return x * cfg.table[0];\n"
            + "  }");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL119] reading the field cfg.table of type double[]")
        .inFile(file).onLine(10);
  }

  @Test
  void rejectsWritingAFieldOfTheObjectOrKeepingItInALocal() {
    JavaFileObject file = source(
        "  @Differentiable static double f(double x, @NoDerivative Cfg cfg) {\n"
            + "    cfg.scale = 3;\n"
            + "    Cfg other = cfg;\n"
            + "    return x;\n"
            + "  }");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL103]").inFile(file).onLine(10);
    assertThat(c).hadErrorContaining("[TL112]").inFile(file).onLine(11);
  }

  @Test
  void hessianJavadocSaysTheBodyIsEvaluatedOncePerColumn() throws IOException {
    Compilation c = Sources.compile(source(
        "  @Differentiable static double f(double x, @NoDerivative java.util.Random rng) {"
            + " return x * x * rng.nextGaussian(); }"));
    assertThat(c).succeededWithoutWarnings();
    String grad = c.generatedSourceFile("p.T_Grad").orElseThrow().getCharContent(true)
        .toString();
    assertTrue(grad.contains("advances that many times"), grad);
    assertTrue(grad.contains("called exactly as the method calls it, once per evaluation"),
        grad);
  }
}
