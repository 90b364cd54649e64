package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * TL027: a custom derivative without a pushforward is warned about at compile time, on the
 * kernel, with the pushforward's signature spelled out, rather than found by a {@code jvp} or
 * {@code hvp} that throws at run time; a pushforward, {@code linear = true} or the suppression
 * silence it.
 */
class MissingPushforwardWarningTest {

  private static JavaFileObject kernel(String registration, String extra) {
    return Sources.classWith("public class T {\n"
        + "  " + registration + "\n"
        + "  public static double cube(double x, @NoDerivative double k) {\n"
        + "    return k * x * x * x;\n"
        + "  }\n"
        + "  public static double cubePullback(double x, double k, double dResult) {\n"
        + "    return dResult * 3 * k * x * x;\n"
        + "  }\n"
        + extra
        + "  @Differentiable\n"
        + "  public static double f(double x) {\n"
        + "    return cube(x, 2.0) + x;\n"
        + "  }\n"
        + "}");
  }

  @Test
  void aKernelWithoutPushforwardIsWarnedWithTheSignatureToWrite() {
    JavaFileObject file = kernel("@CustomDerivative(\"cubePullback\")", "");
    Compilation c = Sources.compile(file);
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(1);
    assertThat(c).hadWarningContaining("[TL027] @CustomDerivative on cube has no pushforward")
        .inFile(file).onLineContaining("public static double cube(");
    assertThat(c).hadWarningContaining(
        "public static double cubeDot(double x, double k, double xDot)");
  }

  @Test
  void aPushforwardOrSuppressionSilencesIt() {
    assertThat(Sources.compile(kernel(
        "@CustomDerivative(value = \"cubePullback\", pushforward = \"cubeDot\")",
        "  public static double cubeDot(double x, double k, double xDot) {\n"
            + "    return 3 * k * x * x * xDot;\n"
            + "  }\n"))).succeededWithoutWarnings();
    assertThat(Sources.compile(kernel(
        "@SuppressWarnings(\"TL027\") @CustomDerivative(\"cubePullback\")", "")))
        .succeededWithoutWarnings();
  }
}
