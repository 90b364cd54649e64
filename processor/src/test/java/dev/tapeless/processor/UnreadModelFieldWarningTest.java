package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * TL028: a field of a model class that none of its {@code @Differentiable} methods reads is
 * still an input of every frame (an adjoint, registered by {@code parameters()}), so it is
 * warned about on the field; a field some method reads, or one marked {@code @NoDerivative}, is
 * not.
 */
class UnreadModelFieldWarningTest {

  private static JavaFileObject model(String fields, String methods) {
    return Sources.classWith("public class T {\n" + fields + methods + "}");
  }

  private static final String LOSS = "  @Differentiable\n"
      + "  public double loss(double[] x) {\n"
      + "    double s = bias;\n"
      + "    for (int j = 0; j < x.length; j++) { s += this.w[j] * x[j]; }\n"
      + "    return s * s;\n"
      + "  }\n";

  @Test
  void aScratchArrayNoMethodReadsIsWarnedOnTheField() {
    JavaFileObject file = model("  double[] w = new double[3];\n"
        + "  double[] scratch = new double[3];\n"
        + "  double bias;\n", LOSS);
    Compilation c = Sources.compile(file);
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(1);
    assertThat(c).hadWarningContaining("[TL028] field 'scratch' of T is read by none of its"
        + " @Differentiable methods").inFile(file).onLineContaining("double[] scratch");
    assertThat(c).hadWarningContaining("an adjoint dscratch, registered by parameters()");
  }

  @Test
  void aFieldReadByAnotherMethodOfTheClassIsNotWarned() {
    JavaFileObject file = model("  double[] w = new double[3];\n"
        + "  double bias;\n"
        + "  double scale;\n", LOSS
        + "  @Differentiable\n"
        + "  public double scaled(double[] x) { return scale * loss(x); }\n");
    assertThat(Sources.compile(file)).succeededWithoutWarnings();
  }

  @Test
  void noDerivativeFieldsAndFieldsThatAreNotInputsAreNotWarned() {
    JavaFileObject file = model("  double[] w = new double[3];\n"
        + "  @NoDerivative double[] scratch = new double[3];\n"
        + "  final String name = \"m\";\n"
        + "  static double[] shared = new double[2];\n"
        + "  double bias;\n", LOSS);
    assertThat(Sources.compile(file)).succeededWithoutWarnings();
  }

  @Test
  void theWarningCanBeSuppressedOnTheField() {
    JavaFileObject file = model("  double[] w = new double[3];\n"
        + "  @SuppressWarnings(\"TL028\") double[] scratch = new double[3];\n"
        + "  double bias;\n", LOSS);
    assertThat(Sources.compile(file)).succeededWithoutWarnings();
  }

  @Test
  void staticMethodsAloneNeverWarn() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  double[] unused = new double[3];\n"
        + "  @Differentiable\n"
        + "  public static double f(double x) { return x * x; }\n"
        + "}");
    assertThat(Sources.compile(file)).succeededWithoutWarnings();
  }
}
