package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A helper that writes a differentiated value into an array it does not mark {@code @Out}: the
 * value must not be lost with only the TL012 warning (a silent zero gradient, as the random
 * tester found for {@code @Out} arrays at seed 2324); the helper is differentiated and its
 * unmarked write is TL117 on the exact expression, with TL121 on the call.
 */
class UnmarkedHelperWritesTest {

  private static void assertUnmarkedWrite(String helper, int writeLine, int callLine) {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + helper
        + "  @Differentiable\n"
        + "  public static double f(double b) {\n"
        + "    double[] t = new double[2];\n"
        + "    fill(t, b * 2);\n"
        + "    return t[0] + 3 * t[1];\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL117] this writes to parameter array")
        .inFile(file).onLine(writeLine);
    assertThat(c).hadErrorContaining("[TL121] fill is differentiated").inFile(file)
        .onLine(callLine);
  }

  @Test
  void anElementStoreIsTl117InTheHelper() {
    assertUnmarkedWrite("  static void fill(double[] a, double v) {\n"
        + "    a[0] = v * v;\n"
        + "    a[1] = v;\n"
        + "  }\n", 5, 11);
  }

  @Test
  void aCompoundUpdateThroughARowAliasIsTl117() {
    assertUnmarkedWrite("  static void fill(double[] a, double v) {\n"
        + "    double[] same = a;\n"
        + "    same[1] += v;\n"
        + "  }\n", 6, 11);
  }

  @Test
  void arraysFillIsTl117() {
    assertUnmarkedWrite("  static void fill(double[] a, double v) {\n"
        + "    java.util.Arrays.fill(a, v);\n"
        + "  }\n", 5, 10);
  }

  @Test
  void aWriteInANestedHelperIsFound() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  static void put(double[] a, double v) { a[0] = v; }\n"
        + "  static void fill(double[] a, double v) { put(a, v * v); }\n"
        + "  @Differentiable\n"
        + "  public static double f(double b) {\n"
        + "    double[] t = new double[2];\n"
        + "    fill(t, b * 2);\n"
        + "    return t[0] + 3 * t[1];\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[TL121]").inFile(file).onLine(9);
  }

  @Test
  void aHelperThatOnlyReadsItsArrayStaysAPlainCall() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  static void show(double[] a, double v) { double[] c = a.clone(); c[0] += v; }\n"
        + "  @Differentiable\n"
        + "  public static double f(double b) {\n"
        + "    double[] t = new double[2];\n"
        + "    t[0] = b;\n"
        + "    show(t, b);\n"
        + "    return t[0] * b;\n"
        + "  }\n"
        + "}");
    assertThat(Sources.compile(file)).succeeded();
  }

  @Test
  void anUnmarkedArrayWrittenButNeverReadAgainCompiles() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  static void scratch(double[] a, double v) { a[0] = v; }\n"
        + "  @Differentiable\n"
        + "  public static double f(double b) {\n"
        + "    double[] t = new double[2];\n"
        + "    scratch(t, b);\n"
        + "    return b * b;\n"
        + "  }\n"
        + "}");
    assertThat(Sources.compile(file)).succeeded();
  }
}
