package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @Checkpoint} goes on the index of a counted loop that no other loop holds; everywhere
 * else, and on bodies a second run cannot repeat (arrays allocated in them, methods of objects
 * with state), it is an error on the exact declaration or expression saying what to write,
 * never a loop silently run without checkpoints or with a wrong gradient.
 */
class CheckpointDiagnosticsTest {

  /** Class {@code p.T} whose one method's body starts on line 5. */
  private static JavaFileObject method(String parameters, String body) {
    return Sources.classWith("public class T {\n"
        + "  @Differentiable static double f(" + parameters + ") {\n"
        + body + "\n  }\n}");
  }

  @Test
  void acceptsCountedLoopsUpAndDownWithOrWithoutASegmentLength() {
    Compilation c = Sources.compile(method("double x, double y, int n",
        "    double s = x;\n"
            + "    for (@Checkpoint int t = 0; t < n; t++) { s = s * y + Math.sin(s); }\n"
            + "    for (@Checkpoint(every = 4) int t = n; t >= 0; t--) { s = s * y; }\n"
            + "    return s;"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void warnsOnALoopWhoseGradientSavesNothing() {
    JavaFileObject file = method("double x, double y, int n",
        "    double s = x;\n"
            + "    for (@Checkpoint int t = 0; t < n; t++) { s += y * t; }\n"
            + "    return s;");
    assertThat(Sources.compile(file)).hadWarningContaining("[TL032] @Checkpoint on a loop whose"
        + " gradient saves nothing per iteration").inFile(file).onLine(6);
  }

  @Test
  void rejectsALoopInsideAnotherLoop() {
    JavaFileObject file = method("double x, double y, int n",
        "    double s = x;\n"
            + "    for (int i = 0; i < n; i++) {\n"
            + "      for (@Checkpoint int t = 0; t < n; t++) { s = s * y; }\n"
            + "    }\n"
            + "    return s;");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL126] @Checkpoint is on a loop inside another loop")
        .inFile(file).onLine(7);
  }

  @Test
  void rejectsLoopsThatAreNotCounted() {
    JavaFileObject breaking = method("double x, double y, int n",
        "    double s = x;\n"
            + "    for (@Checkpoint int t = 0; t < n; t++) { s = s * y; if (s > 9) break; }\n"
            + "    return s;");
    assertThat(Sources.compile(breaking)).hadErrorContaining("[TL126] @Checkpoint is on a loop"
        + " that is not counted").inFile(breaking).onLine(6);
    JavaFileObject condition = method("double x, double y, int n",
        "    double s = x;\n"
            + "    for (@Checkpoint int t = 0; s < 9; t++) { s = s * y; }\n"
            + "    return s;");
    assertThat(Sources.compile(condition)).hadErrorContaining("[TL126] @Checkpoint is on a"
        + " loop that is not counted").inFile(condition).onLine(6);
  }

  @Test
  void rejectsALocalThatIsNotALoopIndex() {
    JavaFileObject file = method("double[] x, double y",
        "    @Checkpoint double s = y;\n"
            + "    for (double v : x) { s = s * v; }\n"
            + "    return s;");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL126] @Checkpoint is on a local variable that is not a"
        + " loop's index").inFile(file).onLine(5);
  }

  @Test
  void rejectsTheVariableOfAnEnhancedFor() {
    JavaFileObject file = method("double[] x, double y",
        "    double s = y;\n"
            + "    for (@Checkpoint double v : x) { s = s * v; }\n"
            + "    return s;");
    assertThat(Sources.compile(file)).hadErrorContaining("[TL126] @Checkpoint is on the"
        + " variable of an enhanced for").inFile(file).onLine(6);
  }

  @Test
  void rejectsANegativeSegmentLength() {
    JavaFileObject file = method("double x, double y, int n",
        "    double s = x;\n"
            + "    for (@Checkpoint(every = -2) int t = 0; t < n; t++) { s = s * y; }\n"
            + "    return s;");
    assertThat(Sources.compile(file)).hadErrorContaining("[TL126] @Checkpoint has every = -2")
        .inFile(file).onLine(6);
  }

  @Test
  void rejectsAnArrayAllocatedInTheLoop() {
    JavaFileObject file = method("double x, double y, int n",
        "    double s = x;\n"
            + "    for (@Checkpoint int t = 0; t < n; t++) {\n"
            + "      double[] a = new double[2];\n"
            + "      a[0] = s * y;\n"
            + "      s = a[0] + a[1];\n"
            + "    }\n"
            + "    return s;");
    assertThat(Sources.compile(file)).hadErrorContaining("[TL127] an array allocation inside a"
        + " @Checkpoint loop is not supported").inFile(file).onLine(7);
  }

  @Test
  void rejectsAMethodOfAnObjectWithState() {
    JavaFileObject file = method("double x, @NoDerivative java.util.Random rng, int n",
        "    double s = x;\n"
            + "    for (@Checkpoint int t = 0; t < n; t++) {\n"
            + "      s = s * (1 + 0.1 * rng.nextGaussian());\n"
            + "    }\n"
            + "    return s;");
    assertThat(Sources.compile(file)).hadErrorContaining("[TL127] calling nextGaussian on an"
        + " object inside a @Checkpoint loop is not supported").inFile(file).onLine(7);
  }
}
