package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Instance methods read their own object's number, array and record fields as inputs; field
 * writes, other fields and {@code this} used whole are errors on the exact expression.
 */
class ModelDiagnosticsTest {

  private static JavaFileObject model(String members) {
    return Sources.classWith("public class T {\n"
        + "  double[] w = {1, 2};\n"
        + "  double scale = 1;\n"
        + "  double[][][][] deep = new double[1][1][1][1];\n"
        + members + "\n}");
  }

  @Test
  void acceptsAnInstanceMethodReadingItsFields() {
    Compilation c = Sources.compile(model(
        "  @Differentiable public double f(double x) { return scale * w[0] * x + this.w[1]; }\n"
            + "  @Differentiable public double g(double x) { return f(x) * this.f(x); }"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void rejectsAPrivateInputField() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  private double[] w = {1};\n"
        + "  @Differentiable public double f(double x) { return w[0] * x; }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL024] field 'w' of T is private").inFile(file)
        .onLine(4);
  }

  @Test
  void rejectsAGenericModel() {
    Compilation c = Sources.compile(Sources.classWith("public class T<E> {\n"
        + "  double a = 1;\n"
        + "  @Differentiable public double f(double x) { return a * x; }\n"
        + "}"));
    assertThat(c).hadErrorContaining("[TL025] T is generic");
  }

  @Test
  void rejectsWritingAField() {
    JavaFileObject file = model(
        "  @Differentiable public double f(double x) {\n    w[0] = x;\n    return x * scale;\n  }");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL103]").inFile(file).onLine(8);
  }

  @Test
  void rejectsThisUsedWhole() {
    JavaFileObject file = model(
        "  static double h(T m) { return 1; }\n"
            + "  @Differentiable public double g(double x) {\n"
            + "    return h(this) * x;\n"
            + "  }");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL111] using this whole").inFile(file).onLine(9);
  }

  @Test
  void rejectsReadingAFieldThatIsNotAnInput() {
    JavaFileObject file = model(
        "  @Differentiable public double f(double x) {\n    return deep.length * x;\n  }");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL109]").inFile(file).onLine(8);
  }

  @Test
  void rejectsAParameterNamedLikeAField() {
    Compilation c = Sources.compile(model(
        "  @Differentiable public double f(double scale) { return scale * w[0]; }"));
    assertThat(c).hadErrorContaining("[TL022] parameter 'this': its component this.scale is"
        + " named scale");
  }
}
