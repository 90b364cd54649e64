package dev.tapeless.it.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.runtime.GradCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A backward sweep reading 130 locals (see {@link ManyLocals}) is right in joint mode and in
 * split mode as a callee.
 */
class ManyLocalsTest {

  @ParameterizedTest
  @CsvSource({"0.5, 0.1", "-0.7, 0.3", "0.9, -0.2"})
  void jointModeMatchesFiniteDifferences(double x, double y) {
    ManyLocals_Grad.Chain g = new ManyLocals_Grad.Chain();
    for (int call = 0; call < 2; call++) {
      assertEquals(ManyLocals.chain(x, y), g.valueAndGradient(x, y));
    }
    GradCheck.check(v -> ManyLocals.chain(v[0], v[1]), new double[] {x, y},
        new double[] {g.dx, g.dy}).assertWithin(1e-6);
  }

  @ParameterizedTest
  @CsvSource({"0.5, 0.1", "-0.7, 0.3", "0.9, -0.2"})
  void splitModeAsACalleeMatchesFiniteDifferences(double x, double y) {
    ManyLocals_Grad.TwoCalls g = new ManyLocals_Grad.TwoCalls();
    for (int call = 0; call < 2; call++) {
      assertEquals(ManyLocals.twoCalls(x, y), g.valueAndGradient(x, y));
    }
    GradCheck.check(v -> ManyLocals.twoCalls(v[0], v[1]), new double[] {x, y},
        new double[] {g.dx, g.dy}).assertWithin(1e-6);
  }
}
