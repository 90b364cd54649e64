package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Helpers the gradient class cannot call (private, instance helpers of a model, helpers given a
 * record) are copied in; what cannot be copied stays an error on the exact call or expression.
 */
class CopiedHelperDiagnosticsTest {

  @Test
  void aPrivateHelperInAConditionIsCopiedBeforeIt() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  private static double sq(double a) { return a * a; }\n"
        + "  @Differentiable\n"
        + "  public static double f(double x, int n) {\n"
        + "    if (sq(x) > 1) { return x; }\n"
        + "    return sq(2.0) * x + (n > 0 ? sq(x) : 0) + x * (int) sq(n);\n"
        + "  }\n"
        + "}");
    assertThat(Sources.compile(file)).succeededWithoutWarnings();
  }

  @Test
  void aPrivateHelperThatMayNotRunIsTl124AskingForAStatementOfItsOwn() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  private static double sq(double a) { return a * a; }\n"
        + "  @Differentiable\n"
        + "  public static double f(double x) {\n"
        + "    if (x > 0 && sq(x) > 1) { return x; }\n"
        + "    return 2 * x;\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL124] sq is private, so the generated gradient class"
        + " cannot call it and copies its body in instead, which it cannot do for this call:"
        + " this call is part of a larger expression (a condition, an index, an integer"
        + " value); make it package-private, or call it in a statement of its own"
        + " (double h = sq(...);)").inFile(file).onLine(7);
    assertEquals(1, c.errors().size(), c.errors().toString());
  }

  @Test
  void aPrivateIntHelperInAnIndexIsTl124AskingForPackagePrivate() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  private static int next(int i) { return i + 1; }\n"
        + "  @Differentiable\n"
        + "  public static double f(double[] a) {\n"
        + "    return a[next(0)] * a[0];\n"
        + "  }\n"
        + "}");
    assertThat(Sources.compile(file)).hadErrorContaining("[TL124] next is private, so the"
        + " generated gradient class cannot call it and copies its body in instead, which it"
        + " cannot do for this call: it returns int (a differentiated helper returns double,"
        + " float or void); make it package-private").inFile(file).onLine(7);
  }

  @Test
  void aPrivateFieldInsideAPrivateHelperIsTl115ThereWithTl121AtTheCall() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  private static double scale = 2;\n"
        + "  private static double sq(double a) { return scale * a * a; }\n"
        + "  @Differentiable\n"
        + "  public static double f(double x) {\n"
        + "    return sq(x);\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL115] field scale is private").inFile(file).onLine(5);
    assertThat(c).hadErrorContaining("[TL121] sq is differentiated").inFile(file).onLine(8);
    assertEquals(2, c.errors().size(), c.errors().toString());
  }

  @Test
  void aPrivateHelperCalledWithConstantsIsCopiedTooSoItsBodyIsChecked() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  private static double scale(int n) {\n"
        + "    try { return n * 0.5; } catch (RuntimeException e) { return 0; }\n"
        + "  }\n"
        + "  @Differentiable\n"
        + "  public static double f(double x, int n) { return x * scale(n); }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL106]").inFile(file).onLine(5);
    assertThat(c).hadErrorContaining("[TL121] scale").inFile(file).onLine(8);
  }

  @Test
  void privateHelpersCallingPrivateHelpersCompileWithoutWarnings() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  private static final double K = 3;\n"
        + "  private static double sq(double a) { return K * a * a; }\n"
        + "  private static double twice(double a) { return 2 * sq(a); }\n"
        + "  private static double half(int n) { return n * 0.5; }\n"
        + "  @Differentiable\n"
        + "  public static double f(double x, int n) { return twice(sq(x)) + half(n) * x; }\n"
        + "  @Differentiable\n"
        + "  public static double g(double x) { return f(x, 2) * x; }\n"
        + "}");
    assertThat(Sources.compile(file)).succeededWithoutWarnings();
  }

  @Test
  void anInstanceHelperReachedOnlyThroughAnotherHelperCountsItsFieldsAsRead() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  double w = 2;\n"
        + "  double v = 3;\n"
        + "  private double inner(double a) { return v * a; }\n"
        + "  double outer(double a) { return w * inner(a); }\n"
        + "  @Differentiable\n"
        + "  public double f(double x) {\n"
        + "    return this.outer(x) * x;\n"
        + "  }\n"
        + "}");
    assertThat(Sources.compile(file)).succeededWithoutWarnings();
  }

  /**
   * A method of another object is not copied: on a {@code @NoDerivative} object field it is a
   * call like any on an object, allowed only without a differentiated argument (TL108 here).
   */
  @Test
  void anInstanceHelperOfAnotherObjectIsNotCopied() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  double w = 2;\n"
        + "  @NoDerivative T other;\n"
        + "  double scaled(double a) { return w * a; }\n"
        + "  @Differentiable\n"
        + "  public double f(double x) {\n"
        + "    return w * other.scaled(x);\n"
        + "  }\n"
        + "}");
    assertThat(Sources.compile(file)).hadErrorContaining("[TL108] call to T.scaled: its"
        + " argument 'x' depends on a differentiated parameter").inFile(file).onLine(9);
  }

  @Test
  void anInstanceHelperOfASuperclassStaysTl111() {
    JavaFileObject file = Sources.classWith("class Base {\n"
        + "  double scaled(double a) { return 2 * a; }\n"
        + "}\n"
        + "public class T extends Base {\n"
        + "  double v = 1;\n"
        + "  @Differentiable\n"
        + "  public double f(double x) {\n"
        + "    return scaled(x) * v;\n"
        + "  }\n"
        + "}");
    assertThat(Sources.compile(file)).hadErrorContaining("[TL111] an instance method call")
        .inFile(file).onLine(10);
  }

  @Test
  void aHelperGivenARecordInsideAConditionIsComputedFirstAndCompiles() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  record P(double k) {}\n"
        + "  private static double g(P p, double a) { return p.k() * a; }\n"
        + "  @Differentiable\n"
        + "  public static double f(P p, double x) {\n"
        + "    return g(p, x) + (g(p, 1.0) > 0 ? 1 : 0) * x;\n"
        + "  }\n"
        + "}");
    assertThat(Sources.compile(file)).succeededWithoutWarnings();
  }

  @Test
  void aRecordCallJavaMaySkipRunsOnlyOnItsBranchAndCompiles() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  record P(double k) {}\n"
        + "  @Differentiable static double g(P p) { return p.k(); }\n"
        + "  @Differentiable\n"
        + "  public static double f(P p, double x) {\n"
        + "    return x > 0 && g(p) > 0 || (x < -1 ? g(p) : x) > 2 ? x : 2 * x;\n"
        + "  }\n"
        + "}");
    assertThat(Sources.compile(file)).succeededWithoutWarnings();
  }

  @Test
  void aRecordCallWritingAnArrayInsideAConditionStaysTl111AskingForALocal() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  record P(double k) {}\n"
        + "  @Differentiable static double g(P p, @Out double[] o) {\n"
        + "    o[0] = p.k();\n"
        + "    return p.k();\n"
        + "  }\n"
        + "  @Differentiable\n"
        + "  public static double f(P p, double x) {\n"
        + "    double[] o = new double[1];\n"
        + "    return g(p, o) > 0 ? x * o[0] : 2 * x;\n"
        + "  }\n"
        + "}");
    assertThat(Sources.compile(file)).hadErrorContaining("[TL111] a call taking a record or"
        + " this object, inside a condition, an index or an integer cast, that writes an array")
        .inFile(file).onLine(12);
  }

  @Test
  void aHelperGivenARecordCompilesWithoutWarnings() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  record P(double k, double[] w) {}\n"
        + "  static double g(P p, double a) { return p.k() * a * p.w()[0]; }\n"
        + "  @Differentiable\n"
        + "  public static double f(P p, double x) {\n"
        + "    return g(p, x) * g(p, 2.0);\n"
        + "  }\n"
        + "}");
    assertThat(Sources.compile(file)).succeededWithoutWarnings();
  }
}
