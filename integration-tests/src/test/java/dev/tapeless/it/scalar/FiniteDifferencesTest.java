package dev.tapeless.it.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tapeless.runtime.GradCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every corpus function against the original method and its finite differences. */
class FiniteDifferencesTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.scalar.Corpus#cases")
  void gradientMatchesCentralFiniteDifferences(Case<?> c) {
    for (double[] args : c.points()) {
      Case.Probe frame = c.probe();
      frame.valueAndGradient(args);
      double[] analytic = frame.gradient();
      GradCheck.Report report =
          GradCheck.check(x -> c.plain(c.withActive(args, x)), c.activeValues(args), analytic);
      if (!report.isWithin(1e-6)) {
        fail(c.describe(args) + ": " + report);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.scalar.Corpus#cases")
  void valueIsExactlyTheOriginalMethodsValue(Case<?> c) {
    for (double[] args : c.points()) {
      double expected = c.plain(args);
      assertEquals(expected, c.probe().valueAndGradient(args), () -> c.describe(args));
      assertEquals(expected, c.probe().accumulate(args), () -> c.describe(args) + " accumulate");
    }
  }
}
