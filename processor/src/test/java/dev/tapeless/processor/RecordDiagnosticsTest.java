package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Records are differentiable inputs when every component is a number, a numeric array or such
 * a record, read through accessors; everything else about them is an error on the exact
 * parameter or expression, saying what to write instead.
 */
class RecordDiagnosticsTest {

  private static JavaFileObject source(String members) {
    return Sources.classWith("public class T {\n"
        + "  public record P(double a, double[] w, int n) {}\n"
        + members + "\n}");
  }

  @Test
  void acceptsARecordReadThroughItsAccessors() {
    Compilation c = Sources.compile(source(
        "  @Differentiable public static double f(P p) { return p.a() * p.w()[0] + p.n(); }"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void rejectsARecordWithAStringComponentNamingIt() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  public record Q(double a, String label) {}\n"
        + "  @Differentiable\n"
        + "  public static double f(Q q) { return q.a(); }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL022] parameter 'q': component label of record Q is not"
        + " a number").inFile(file).onLine(6);
  }

  @Test
  void rejectsAPrivateRecord() {
    Compilation c = Sources.compile(Sources.classWith("public class T {\n"
        + "  private record Q(double a) {}\n"
        + "  @Differentiable static double f(Q q) { return q.a(); }\n"
        + "}"));
    assertThat(c).hadErrorContaining("[TL023] parameter 'q' has type p.T.Q, which is private");
  }

  @Test
  void rejectsARecordAsOutput() {
    Compilation c = Sources.compile(source(
        "  @Differentiable public static void f(double x, @Out P p) { p.w()[0] = x; }"));
    assertThat(c).hadErrorContaining("[TL013] @Out parameter 'p'");
  }

  @Test
  void rejectsARecordComparedButNotOnePassedToAHelper() {
    JavaFileObject file = source(
        "  static double g(P p) { return p.a(); }\n"
            + "  @Differentiable public static double f(P p, double x) {\n"
            + "    double y = p == null ? 0 : x;\n"
            + "    return y + g(p);\n"
            + "  }");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL111] using the record parameter p this way is not"
        + " supported").inFile(file).onLine(7);
    assertTrue(c.errors().stream().allMatch(e -> e.getLineNumber() == 7), c.errors().toString());
  }

  @Test
  void rejectsANestedRecordUsedWhole() {
    Compilation c = Sources.compile(Sources.classWith("public class T {\n"
        + "  public record In(double a) {}\n"
        + "  public record Out2(In in, double b) {}\n"
        + "  @Differentiable public static double f(Out2 q) {\n"
        + "    return q.in() == null ? 0 : q.b();\n"
        + "  }\n"
        + "}"));
    assertThat(c).hadErrorContaining("[TL111] using a record component whole");
  }

  @Test
  void rejectsAComponentWhoseGeneratedNameClashesWithAParameter() {
    Compilation c = Sources.compile(source(
        "  @Differentiable public static double f(P p, double p_a) { return p.a() * p_a; }"));
    assertThat(c).hadErrorContaining("[TL022] parameter 'p': its component p.a is named p_a");
  }
}
