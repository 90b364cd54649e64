package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @SuppressWarnings("TLnnn")} on a method or a class enclosing it silences that Tapeless
 * warning, {@code @SuppressWarnings("tapeless")} every Tapeless warning; other names do not,
 * and errors are never suppressed.
 */
class SuppressWarningsTest {

  /** A method whose result does not depend on its differentiated parameter: TL012. */
  private static String constant(String annotation) {
    return "  " + annotation + "\n"
        + "  @Differentiable\n"
        + "  public static double f(double x, @NoDerivative double y) {\n"
        + "    return Math.floor(x) + y;\n"
        + "  }\n";
  }

  @Test
  void theCodeOnTheMethodSuppressesTl012() {
    Compilation c = Sources.compile(Sources.classWith("public class T {\n"
        + constant("@SuppressWarnings(\"TL012\")") + "}"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void tapelessOnTheMethodSuppressesTl012() {
    Compilation c = Sources.compile(Sources.classWith("public class T {\n"
        + constant("@SuppressWarnings({\"unchecked\", \"tapeless\"})") + "}"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void theCodeOnAnOuterClassSuppressesTl012InANestedOne() {
    Compilation c = Sources.compile(Sources.classWith("@SuppressWarnings(\"TL012\")\n"
        + "public class T {\n"
        + "  static class Inner {\n"
        + constant("") + "  }\n}"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void anotherCodeOrNameDoesNotSuppressTl012() {
    JavaFileObject file = Sources.classWith("@SuppressWarnings({\"TL015\", \"all\"})\n"
        + "public class T {\n"
        + constant("@SuppressWarnings(\"unchecked\")") + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(1);
    assertThat(c).hadWarningContaining("[TL012] the result of T.f").inFile(file).onLine(7);
  }

  @Test
  void aSuppressionOnOneMethodLeavesTheOthersWarned() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + constant("@SuppressWarnings(\"TL012\")")
        + "  @Differentiable\n"
        + "  public static double g(double x) {\n"
        + "    return Math.floor(x);\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadWarningCount(1);
    assertThat(c).hadWarningContaining("[TL012] the result of T.g").inFile(file).onLine(10);
  }

  @Test
  void errorsAreNotSuppressed() {
    Compilation c = Sources.compile(Sources.classWith("@SuppressWarnings(\"tapeless\")\n"
        + "public class T {\n"
        + "  @SuppressWarnings({\"TL005\", \"tapeless\"})\n"
        + "  @Differentiable\n"
        + "  private static double f(double x) { return x; }\n"
        + "}"));
    assertThat(c).hadErrorContaining("[TL005]");
  }

  /** A straight-line method whose gradient is over HotSpot's limit, below javac's. */
  private static String large(String annotation) {
    StringBuilder s = new StringBuilder("public class T {\n  " + annotation + "\n"
        + "  @Differentiable\n  public static double f(double x, double y) {\n"
        + "    double s = x;\n");
    for (int i = 0; i < 240; i++) {
      s.append(i % 2 == 0 ? "    s = Math.sin(s) * y + x;\n" : "    s = s * s - y;\n");
    }
    return s.append("    return s;\n  }\n}").toString();
  }

  @Test
  void tl015IsWarnedAndSuppressedByItsCode() {
    Compilation warned = Sources.compile(Sources.classWith(large("")));
    assertThat(warned).succeeded();
    assertThat(warned).hadWarningContaining("[TL015]");
    assertThat(Sources.compile(Sources.classWith(large("@SuppressWarnings(\"TL015\")"))))
        .succeededWithoutWarnings();
    assertThat(Sources.compile(Sources.classWith(large("@SuppressWarnings(\"TL012\")"))))
        .hadWarningContaining("[TL015]");
  }

  @Test
  void tl903IsSuppressedByTapeless(@TempDir Path dir) throws IOException {
    Path blocker = Files.writeString(dir.resolve("a-file"), "not a directory");
    String option = "-Atapeless.graphs=" + blocker.resolve("graphs");
    String method = "  @Differentiable\n  public static double f(double x) { return x * x; }\n";
    Compilation warned = Compiler.javac().withProcessors(new TapelessProcessor())
        .withOptions(option).compile(Sources.classWith("public class T {\n" + method + "}"));
    assertThat(warned).hadWarningContaining("[TL903]");
    Compilation quiet = Compiler.javac().withProcessors(new TapelessProcessor())
        .withOptions(option).compile(Sources.classWith(
            "@SuppressWarnings(\"tapeless\")\npublic class T {\n" + method + "}"));
    assertThat(quiet).succeededWithoutWarnings();
  }
}
