package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Helpers: methods without {@code @Differentiable} whose source is in the compilation, called
 * with a differentiated argument, are differentiated as if annotated (by inlining). Their errors
 * are placed in their own bodies, with a TL121 at the call that made them differentiated.
 */
class HelperDifferentiationTest {

  @Test
  void anUnannotatedHelperCalledWithADifferentiatedArgumentCompiles() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  static double sq(double a) { return a * a; }\n"
        + "  static double twice(double a) { return 2 * sq(a); }\n"
        + "  @Differentiable\n"
        + "  public static double f(double x) { return twice(sq(x)) + x; }\n"
        + "}");
    assertThat(Sources.compile(file)).succeededWithoutWarnings();
  }

  @Test
  void aHelperCalledOnlyWithConstantsStaysAPlainCallAndIsNotChecked() {
    // its body has a try/catch, which a differentiated helper could not have
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  static double scale(int n) {\n"
        + "    try { return n * 0.5; } catch (RuntimeException e) { return 0; }\n"
        + "  }\n"
        + "  @Differentiable\n"
        + "  public static double f(double x, int n) { return x * scale(n); }\n"
        + "}");
    assertThat(Sources.compile(file)).succeededWithoutWarnings();
  }

  @Test
  void anErrorInAHelperIsOnItsExpressionAndTheCallSaysWhyTheHelperIsDifferentiated() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  static double sq(double a) {\n"
        + "    try { return a * a; } finally { }\n"
        + "  }\n"
        + "  @Differentiable\n"
        + "  public static double useHelper(double x) {\n"
        + "    return sq(x) + x;\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL106]").inFile(file).onLine(5);
    assertThat(c).hadErrorContaining("[TL121] sq is differentiated as if it were"
        + " @Differentiable, because useHelper passes it a differentiated value (calls"
        + " useHelper -> sq)").inFile(file).onLine(9);
    assertEquals(2, c.errors().size(), c.errors().toString());
  }

  @Test
  void anErrorInAHelperOfAnotherFileIsInThatFile() {
    JavaFileObject helpers = JavaFileObjects.forSourceString("p.H", "package p;\n"
        + "final class H {\n"
        + "  static double cube(double a) {\n"
        + "    Object o = new Object();\n"
        + "    return a * a * a;\n"
        + "  }\n"
        + "  static double viaCube(double a) { return cube(a) + 1; }\n"
        + "}\n");
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static double f(double x) {\n"
        + "    return H.viaCube(x);\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file, helpers);
    assertThat(c).hadErrorContaining("[TL104]").inFile(helpers).onLine(4);
    assertThat(c).hadErrorContaining("[TL121] cube is differentiated as if it were"
        + " @Differentiable, because f passes it a differentiated value (calls f -> viaCube"
        + " -> cube)").inFile(file).onLine(6);
  }

  @Test
  void aHelperWithoutRuleInsideAHelperIsTl108InTheHelper() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  static double sign(double a) { return Math.copySign(1.0, a) * a; }\n"
        + "  @Differentiable\n"
        + "  public static double f(double x) {\n"
        + "    return sign(x);\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL108] call to Math.copySign").inFile(file).onLine(4);
    assertThat(c).hadErrorContaining("[TL121] sign is differentiated").inFile(file).onLine(7);
  }

  @Test
  void aLibraryMethodWithoutSourceKeepsTl108NamingIt() {
    JavaFileObject file = Sources.method("return Math.copySign(x, y);");
    assertThat(Sources.compile(file)).hadErrorContaining("[TL108] call to Math.copySign")
        .inFile(file).onLine(6);
  }

  @Test
  void aPrivateHelperIsCopiedInSinceTheGradientClassCannotCallIt() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  private static double sq(double a) { return a * a; }\n"
        + "  @Differentiable\n"
        + "  public static double f(double x) {\n"
        + "    return sq(x);\n"
        + "  }\n"
        + "}");
    assertThat(Sources.compile(file)).succeededWithoutWarnings();
  }

  @Test
  void aRecursiveHelperIsTl107InTheHelper() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  static double power(double a, int n) {\n"
        + "    return n == 0 ? 1 : a * power(a, n - 1);\n"
        + "  }\n"
        + "  @Differentiable\n"
        + "  public static double f(double x) {\n"
        + "    return power(x, 3);\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL107]").inFile(file).onLine(5);
    assertThat(c).hadErrorContaining("[TL121] power is differentiated").inFile(file).onLine(9);
  }

  @Test
  void mutuallyRecursiveHelpersAreTl107AtTheCallThatClosesTheCycle() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  static double even(double a, int n) { return n == 0 ? a : odd(a * 0.5, n - 1); }\n"
        + "  static double odd(double a, int n) { return n == 0 ? a : even(a * 2, n - 1); }\n"
        + "  @Differentiable\n"
        + "  public static double f(double x) {\n"
        + "    return even(x, 4);\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL107] recursive call (even calls itself through helpers"
        + " differentiated with it: f -> even -> odd -> even)").inFile(file).onLine(5);
    assertThat(c).hadErrorContaining("[TL121] odd is differentiated").inFile(file).onLine(8);
  }

  @Test
  void aHelperWithArrayLocalsOfFixedSizesCalledInALoopCompiles() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  static double sumSq(double a, double[] w) {\n"
        + "    double[] t = new double[2];\n"
        + "    double[] u = new double[w.length];\n"
        + "    t[0] = a * a;\n"
        + "    u[0] = t[0] * w[0];\n"
        + "    return u[0];\n"
        + "  }\n"
        + "  @Differentiable\n"
        + "  public static double f(double x, double[] w, int n) {\n"
        + "    double s = 0;\n"
        + "    for (int i = 0; i < n; i++) {\n"
        + "      s += sumSq(x, w);\n"
        + "    }\n"
        + "    return s;\n"
        + "  }\n"
        + "}");
    assertThat(Sources.compile(file)).succeededWithoutWarnings();
  }

  @Test
  void aHelperWithAnArrayLocalSizedByAnArgumentCalledInALoopIsTl122() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  static double sumSq(double a, int m) {\n"
        + "    double[] t = new double[m];\n"
        + "    t[0] = a * a;\n"
        + "    return t[0];\n"
        + "  }\n"
        + "  @Differentiable\n"
        + "  public static double f(double x, int n) {\n"
        + "    double s = 0;\n"
        + "    for (int i = 0; i < n; i++) {\n"
        + "      s += sumSq(x, i + 1);\n"
        + "    }\n"
        + "    return s;\n"
        + "  }\n"
        + "}");
    assertThat(Sources.compile(file)).hadErrorContaining("[TL122] sumSq is differentiated as"
        + " if it were @Differentiable, because f passes it a differentiated value (calls f ->"
        + " sumSq), but it has local arrays whose sizes may change from one call to the next,"
        + " and this call is inside a loop or a branch").inFile(file).onLine(13);
  }

  @Test
  void aHelperOfAnotherPackageUsingAPackagePrivateMethodIsTl122() {
    JavaFileObject lib = JavaFileObjects.forSourceString("q.Lib", "package q;\n"
        + "public final class Lib {\n"
        + "  static double twice(double a) { return 2 * a; }\n"
        + "  public static double sq(double a) { return twice(a) * a; }\n"
        + "}\n");
    JavaFileObject file = Sources.method("return q.Lib.sq(x);");
    assertThat(Sources.compile(file, lib)).hadErrorContaining("[TL122] sq is differentiated as"
        + " if it were @Differentiable, because f passes it a differentiated value (calls f ->"
        + " sq), but it is in package q and its body uses twice, which is not public (or its"
        + " class is not), and the gradient of f, which copies its body, is generated in"
        + " package p").inFile(file).onLine(6);
  }

  @Test
  void aPublicHelperOfAnotherPackageUsingOnlyPublicMembersIsCopiedIn() {
    JavaFileObject lib = JavaFileObjects.forSourceString("q.Lib", "package q;\n"
        + "public final class Lib {\n"
        + "  private static final double TWO = 2;\n"
        + "  public static double twice(double a) { return TWO * a; }\n"
        + "  public static double sq(double a) { return twice(a) * a; }\n"
        + "}\n");
    JavaFileObject file = Sources.method("return q.Lib.sq(x) + y;");
    assertThat(Sources.compile(file, lib)).succeededWithoutWarnings();
  }

  @Test
  void aHelperWritingAParameterArrayNotMarkedOutIsTl117InTheHelper() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  static void scale(double[] a) { a[0] *= 2; }\n"
        + "  @Differentiable\n"
        + "  public static double f(double x) {\n"
        + "    double[] a = new double[1];\n"
        + "    a[0] = x * x;\n"
        + "    scale(a);\n"
        + "    return a[0];\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL117]").inFile(file).onLine(4);
    assertThat(c).hadErrorContaining("[TL121] scale is differentiated").inFile(file).onLine(9);
  }

  @Test
  void anOutHelperMayNotWriteACallersParameterArrayThatIsNotOut() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  static void fill(double v, @Out double[] y) { java.util.Arrays.fill(y, v); }\n"
        + "  @Differentiable\n"
        + "  public static double f(double x, double[] w) {\n"
        + "    fill(x, w);\n"
        + "    return w[0];\n"
        + "  }\n"
        + "}");
    assertThat(Sources.compile(file)).hadErrorContaining("its @Out parameter 'y' would write"
        + " into parameter array 'w', which is not @Out").inFile(file).onLine(7);
  }

  @Test
  void aNoDerivativeParameterOfAHelperGivenADifferentiatedValueIsTl114() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  static double scaled(double a, @NoDerivative double s) { return a * s; }\n"
        + "  @Differentiable\n"
        + "  public static double f(double x) {\n"
        + "    return scaled(x, x);\n"
        + "  }\n"
        + "}");
    assertThat(Sources.compile(file)).hadErrorContaining("[TL114] argument for parameter 's'"
        + " of scaled").inFile(file).onLine(7);
  }

  @Test
  void aBrokenHelperLeavesOtherMethodsAlone() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  static double bad(double a) { Object o = new Object(); return a; }\n"
        + "  static double good(double a) { return a * a; }\n"
        + "  @Differentiable\n"
        + "  public static double f(double x) { return bad(x); }\n"
        + "  @Differentiable\n"
        + "  public static double g(double x) { return good(x); }\n"
        + "  @Differentiable\n"
        + "  public static double h(double x) { return bad(x) * 2; }\n"
        + "}");
    Compilation c = Sources.compile(file);
    // the helper's errors once, and a TL121 at each call that made it differentiated
    assertThat(c).hadErrorContaining("[TL112]").inFile(file).onLine(4);
    assertThat(c).hadErrorContaining("[TL104]").inFile(file).onLine(4);
    assertThat(c).hadErrorContaining("[TL121] bad is differentiated").inFile(file).onLine(7);
    assertThat(c).hadErrorContaining("[TL121] bad is differentiated").inFile(file).onLine(11);
    assertEquals(4, c.errors().size(), c.errors().toString());
    assertTrue(c.diagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR
        && d.getLineNumber() == 9), c.errors().toString());
  }

  @Test
  void anInstanceHelperOfAModelReadingItsFieldsIsCopiedIn() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  double w = 2;\n"
        + "  double scaled(double a) { return w * a; }\n"
        + "  @Differentiable\n"
        + "  public double f(double x) {\n"
        + "    return scaled(x);\n"
        + "  }\n"
        + "}");
    assertThat(Sources.compile(file)).succeededWithoutWarnings();
  }

  @Test
  void aModelMethodMayUseAStaticHelper() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  double w = 2;\n"
        + "  static double sq(double a) { return a * a; }\n"
        + "  @Differentiable\n"
        + "  public double f(double x) {\n"
        + "    return sq(w * x);\n"
        + "  }\n"
        + "}");
    assertThat(Sources.compile(file)).succeededWithoutWarnings();
  }

  @Test
  void aHelperGivenADifferentiatedArrayInsideAnIntegerCastStaysAPlainCall() {
    // found by the random tester: its result carries no derivative and, fenced, it changes
    // only its @Out arrays, as an annotated method would
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  static double first(double[] a) { return a[0]; }\n"
        + "  @Differentiable\n"
        + "  public static double f(double[] w) {\n"
        + "    int k = (int) first(w);\n"
        + "    return w[Math.abs(k) % w.length] * 2;\n"
        + "  }\n"
        + "}");
    assertThat(Sources.compile(file)).succeededWithoutWarnings();
  }

  @Test
  void anArrayPassedToAHelpersNoDerivativeParameterAndToAnotherDoesNotBecomeDifferentiated() {
    // found by the random tester: the arrays given to the call counted as written from its
    // differentiated arguments, so u seemed to vary
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  static double g(double[] a, @NoDerivative double[] s, double[] h) {\n"
        + "    return a[0] * s[0] + h[0] * h[0];\n"
        + "  }\n"
        + "  @Differentiable\n"
        + "  public static double f(@NoDerivative double[] u, double[] h) {\n"
        + "    return g(u, u, h);\n"
        + "  }\n"
        + "}");
    assertThat(Sources.compile(file)).succeededWithoutWarnings();
  }

  @Test
  void aHelperOfAnotherClassReadingItsOwnStaticFieldsAndTablesCompiles() {
    JavaFileObject helpers = JavaFileObjects.forSourceString("p.H", "package p;\n"
        + "final class H {\n"
        + "  static double scale = 2;\n"
        + "  static final double K = 3;\n"
        + "  static final double[] TABLE = {1, 2, 3};\n"
        + "  static double f(double a) { return scale * a * a + K * a * TABLE[1]; }\n"
        + "}\n");
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static double g(double x) {\n"
        + "    return H.f(x);\n"
        + "  }\n"
        + "}");
    assertThat(Sources.compile(file, helpers)).succeededWithoutWarnings();
  }
}
