package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.common.truth.Truth;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A final class whose fields are all numbers, numeric arrays, records or such classes is a
 * differentiable input like a record, read field by field; a class that is not final, has a
 * field of another type, or one generated code cannot read, is not, and says so.
 */
class ValueClassDiagnosticsTest {

  @Test
  void aFinalClassOfNumbersAndArraysIsAnInputReadByItsFields() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  static final class P { double a; double[] w; int n; }\n"
        + "  @Differentiable\n"
        + "  public static double f(P p) { return p.a * p.w[p.n] + p.w.length; }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("p.T_Grad").contentsAsUtf8String()
        .contains("double p_a = p.a;");
  }

  @Test
  void aClassThatIsNotFinalOrHasAnotherFieldIsAnUnsupportedType() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  static class Open { double a; }\n"
        + "  static final class Labelled { double a; String label; }\n"
        + "  @Differentiable\n"
        + "  public static double f(Open o, double x) { return x; }\n"
        + "  @Differentiable\n"
        + "  public static double g(Labelled l, double x) { return x; }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL008] parameter 'o'").inFile(file).onLine(7);
    assertThat(c).hadErrorContaining("[TL008] parameter 'l'").inFile(file).onLine(9);
  }

  @Test
  void aPackagePrivateFieldInAnotherPackageIsNamed() {
    JavaFileObject params = JavaFileObjects.forSourceString("q.Params",
        "package q;\n"
            + "public final class Params {\n"
            + "  public double a;\n"
            + "  double hidden;\n"
            + "}\n");
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static double f(q.Params p) { return p.a * p.a; }\n"
        + "}");
    Compilation c = Sources.compile(params, file);
    assertThat(c).hadErrorContaining("[TL022] parameter 'p': field hidden of Params is"
        + " package-private in another package").inFile(file).onLine(5);
    Truth.assertThat(c.errors()).hasSize(1);
  }

  @Test
  void aValueClassMarkedNoDerivativeIsAnObjectWhoseMethodsMayBeCalled() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  static final class Source { int calls; double scale;\n"
        + "    double next() { return Math.sin(++calls) * scale; } }\n"
        + "  @Differentiable\n"
        + "  public static double f(double x, @NoDerivative Source s) {\n"
        + "    return x * s.next() + s.scale;\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).succeededWithoutWarnings();
  }
}
