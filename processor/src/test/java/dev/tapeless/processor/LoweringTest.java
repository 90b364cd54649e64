package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The IR that lowering produces, printed with {@code -Atapeless.printIr=true}: three-address form
 * for doubles, counted loops recognized, other loops with an exit, returns turned into
 * assignments of the result.
 */
class LoweringTest {

  /** The printed IR, with the indentation javac adds to continuation lines of notes removed. */
  private static String ir(Compilation c) {
    String note = c.notes().stream().map(d -> d.getMessage(Locale.ROOT))
        .filter(m -> m.startsWith("Tapeless IR")).findFirst().orElseThrow();
    return note.substring(note.indexOf('\n') + 1).stripIndent();
  }

  private static void assertIr(Compilation c, String expected) {
    String ir = ir(c);
    assertTrue(ir.contains(expected.stripTrailing()), () -> "expected\n" + expected + "\nin\n" + ir);
  }

  private static Compilation compile(String body) {
    return Compiler.javac().withProcessors(new TapelessProcessor())
        .withOptions("-Atapeless.printIr=true")
        .compile(Sources.classWith("public class T {\n"
            + "  @Differentiable\n"
            + "  public static double f(double[] w, double x, int n) {\n"
            + body
            + "\n  }\n"
            + "}"));
  }

  @Test
  void nestedExpressionsBecomeOneOperationPerStatement() {
    Compilation c = compile("return Math.sin(x * x) + w[0] / x;");
    assertThat(c).succeeded();
    assertIr(c, """
        f(double[] w, double x, int n) -> result
          double t1 = (x * x)
          double t2 = sin(t1)
          double t3 = (w[0] / x)
          double result = (t2 + t3)
        """);
  }

  @Test
  void countedLoopKeepsItsIndexAndIncrementsStayWhole() {
    Compilation c = compile("double s = 0;\n"
        + "for (int i = 0; i < w.length; i++) { s += w[i] * x; }\n"
        + "return s;");
    assertIr(c, """
          double s = 0
          for i from 0 < w.length step ++
            s += (w[i] * x)
          double result = s
        """);
  }

  @Test
  void breakSetsAFlagThatGuardsTheRestAndLeavesAfterTheBody() {
    Compilation c = compile("double s = x;\n"
        + "while (s < 100) { if (s > n) break; s = s * 2; }\n"
        + "return s;");
    assertIr(c, """
          int iterations1 = 0
          boolean c1 = false
          loop counting iterations1
            int iterations1 = (iterations1 + 1)
            boolean c2 = (s < 100)
            if c2
              boolean c3 = (s > n)
              if c3
                boolean c1 = true
              boolean c4 = !c1
              if c4
                double t1 = (s * 2)
                double s = t1
              boolean c5 = c1
              if c5
                exit
            else
              exit
        """);
  }

  @Test
  void returnInABranchSetsAFlagThatGuardsTheRest() {
    Compilation c = compile("if (x > 0) { return x; }\n"
        + "double y = x * x;\n"
        + "return y;");
    assertIr(c, """
          boolean returned = false
          boolean c1 = (x > 0)
          if c1
            double result = x
            boolean returned = true
          boolean c2 = !returned
          if c2
            double y = (x * x)
            double result = y
        """);
  }

  @Test
  void returnInsideALoopLeavesItAndSkipsTheRest() {
    Compilation c = compile("for (int i = 0; i < n; i++) { if (w[i] > x) return w[i]; }\n"
        + "return x;");
    assertIr(c, """
          boolean returned = false
          int i = 0
          int iterations1 = 0
          loop counting iterations1
            int iterations1 = (iterations1 + 1)
            boolean c1 = (i < n)
            if c1
              boolean c2 = (w[i] > x)
              if c2
                double result = w[i]
                boolean returned = true
              boolean c3 = returned
              if c3
                exit
              else
                int i = (i + 1)
            else
              exit
          boolean c4 = !returned
          if c4
            double result = x
        """);
  }
}
