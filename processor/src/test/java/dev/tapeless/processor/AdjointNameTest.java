package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A frame names the adjoint of parameter or field {@code x} {@code dx}; for {@code o} that
 * would be the keyword {@code do}, which used to end in an internal error (TL902). It is an
 * error on the parameter or field that says to rename it.
 */
class AdjointNameTest {

  @Test
  void aParameterWhoseAdjointWouldBeAKeywordIsNamed() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  record R(double a) {}\n"
        + "  @Differentiable\n"
        + "  public static double f(R o) { return o.a() * o.a(); }\n"
        + "  @Differentiable\n"
        + "  public static double g(double o, double x) { return o * x; }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL033] parameter 'o' would give the frame an adjoint"
        + " field named do").inFile(file).onLine(6);
    assertThat(c).hadErrorContaining("[TL033] parameter 'o'").inFile(file).onLine(8);
  }

  @Test
  void aModelFieldWhoseAdjointWouldBeAKeywordIsNamed() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  double o;\n"
        + "  @Differentiable\n"
        + "  public double f(double x) { return o * x; }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL033] field 'o'").inFile(file).onLine(4);
  }
}
