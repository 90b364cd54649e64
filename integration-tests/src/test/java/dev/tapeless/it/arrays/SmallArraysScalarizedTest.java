package dev.tapeless.it.arrays;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The {@link SmallArrays} corpus checks gradients; this checks that it exercises what it is
 * for. In the generated gradient the small arrays are one variable per element (their adjoints
 * {@code stage_0Bar}, not {@code stageBar[0]}), except the one indexed by a variable.
 */
class SmallArraysScalarizedTest {
  /**
   * The text of the backward sweep (the method {@code backpropagate} and {@code splitBackward}
   * call) of one method's sweeps, as the processor wrote it.
   */
  private static String gradientOf(String sweeps) throws IOException {
    String source = Files.readString(Path.of("target/generated-sources/annotations/dev/tapeless/it"
        + "/arrays/SmallArrays_GradSweeps.java"));
    int start = source.indexOf("private void backwardSweep(",
        source.indexOf("static final class " + sweeps + " "));
    return source.substring(start, source.indexOf("\n    }\n", start));
  }

  @Test
  void stageArraysMadeInALoopBecomeScalars() throws IOException {
    String gradient = gradientOf("Stages");
    assertTrue(gradient.contains("stage_1Bar") && gradient.contains("k_0Bar"), gradient);
    assertFalse(gradient.contains("stageBar[") || gradient.contains("kBar["), gradient);
    assertTrue(gradient.contains("yBar["), "y's length is y0's, known only at run time");
  }

  @Test
  void anInitializedArrayReadByLengthBecomesScalars() throws IOException {
    String gradient = gradientOf("Mirrored");
    assertTrue(gradient.contains("w_2Bar"), gradient);
    assertFalse(gradient.contains("wBar["), gradient);
  }

  @Test
  void anArrayIndexedByAVariableStaysAnArray() throws IOException {
    assertTrue(gradientOf("IndexedByVariable").contains("accBar["));
  }
}
