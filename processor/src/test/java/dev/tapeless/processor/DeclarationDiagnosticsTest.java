package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Errors about a declaration land on the method or its annotation, with a stable code. */
class DeclarationDiagnosticsTest {

  private static Compilation compileMember(String member) {
    return Sources.compile(Sources.classWith("public class T {\n" + member + "\n}"));
  }

  @Test
  void rejectsInterfaceMethod() {
    Compilation c = Sources.compile(Sources.classWith("public interface T {\n"
        + "@Differentiable default double f(double x) { return x; }\n}"));
    assertThat(c).hadErrorContaining("[TL001] @Differentiable method must be static");
  }

  @Test
  void rejectsNonDoubleResult() {
    Compilation c = compileMember("@Differentiable public static int f(double x) { return 1; }");
    assertThat(c).hadErrorContaining("[TL002] @Differentiable method must return double or float"
        + " (or void with @Out parameters), but returns int");
  }

  @Test
  void rejectsWrtNameThatIsNotAParameter() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  @Differentiable(wrt = \"z\")\n"
        + "  public static double f(double x, double y) { return x * y; }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL003] wrt names 'z', which is not a parameter of f;"
        + " use one of: x, y").inFile(file).onLine(4);
  }

  @Test
  void rejectsWrtOfIntegerParameter() {
    Compilation c = compileMember(
        "@Differentiable(wrt = \"n\") public static double f(double x, int n) { return x * n; }");
    assertThat(c).hadErrorContaining("[TL004] wrt names 'n' of type int");
  }

  @Test
  void rejectsPrivateMethod() {
    Compilation c = compileMember(
        "@Differentiable private static double f(double x) { return x; }");
    assertThat(c).hadErrorContaining("[TL005]");
    assertThat(c).hadErrorContaining("make it package-private or public");
  }

  @Test
  void rejectsTwoFramesWithTheSameName() {
    Compilation c = compileMember(
        "@Differentiable public static double f(double x) { return x; }\n"
            + "@Differentiable public static double f(double x, double y) { return x + y; }");
    assertThat(c).hadErrorContaining("[TL006]");
    assertThat(c).hadErrorContaining("give this one @Differentiable(name = \"...\")");
  }

  @Test
  void acceptsOverloadWithExplicitName() {
    Compilation c = compileMember(
        "@Differentiable public static double f(double x) { return x * x; }\n"
            + "@Differentiable(name = \"f2\") public static double f(double x, double y) {"
            + " return x * y; }");
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("p.T_Grad").contentsAsUtf8String()
        .contains("public static final class F2");
  }

  @Test
  void rejectsInvalidFrameName() {
    Compilation c = compileMember(
        "@Differentiable(name = \"no good\") public static double f(double x) { return x; }");
    assertThat(c).hadErrorContaining("[TL010]");
  }

  @Test
  void rejectsMethodWithNothingToDifferentiate() {
    Compilation c = compileMember(
        "@Differentiable public static double f(@NoDerivative double x, int n) { return x * n; }");
    assertThat(c).hadErrorContaining("[TL011]");
  }

  @Test
  void rejectsArrayOfObjects() {
    Compilation c = compileMember(
        "@Differentiable public static double f(double x, Double[] boxes) { return x; }");
    assertThat(c).hadErrorContaining("[TL008] parameter 'boxes' has type java.lang.Double[]");
  }

  @Test
  void rejectsOutOnAnIntArray() {
    Compilation c = compileMember("@Differentiable public static void f(double[] x,"
        + " @Out int[] counts) { counts[0] = 1; }");
    assertThat(c).hadErrorContaining("[TL013] @Out parameter 'counts' has type int[]");
  }

  @Test
  void rejectsUnsupportedParameterType() {
    Compilation c = compileMember(
        "@Differentiable public static double f(double x, String s) { return x; }");
    assertThat(c).hadErrorContaining("[TL008] parameter 's' has type java.lang.String");
  }

  @Test
  void warnsWhenResultDoesNotDependOnDifferentiatedParameters() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static double f(double x, @NoDerivative double y) {\n"
        + "    return Math.floor(x) + y;\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[TL012] the result of T.f does not depend on any"
        + " differentiated parameter").inFile(file).onLine(5);
  }

  @Test
  void warnsWhenTheGradientIsTooLargeForTheJit() {
    StringBuilder body = new StringBuilder("double s = x;\n");
    for (int i = 0; i < 400; i++) {
      body.append("s = s * x + ").append(i).append(";\n");
    }
    Compilation c = compileMember("@Differentiable public static double f(double x) {\n"
        + body + "return s;\n}");
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[TL015] a method of the gradient of T.f is about");
    assertThat(c).hadWarningContaining("split this method into smaller @Differentiable methods");
  }

  @Test
  void rejectsMethodInInnerClass() {
    Compilation c = compileMember("class Inner {\n"
        + "  @Differentiable static double f(double x) { return x; }\n"
        + "}");
    assertThat(c).hadErrorContaining("[TL009]");
  }
}
