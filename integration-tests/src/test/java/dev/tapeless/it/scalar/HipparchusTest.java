package dev.tapeless.it.scalar;

import static dev.tapeless.it.scalar.GradientAssert.assertGradientClose;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.runtime.GradCheck;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus function against its twin in Hipparchus forward-mode arithmetic: an independent
 * implementation, exact up to rounding, so the tolerance is far tighter than for finite
 * differences.
 */
class HipparchusTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.scalar.Corpus#cases")
  void gradientMatchesHipparchusForwardMode(Case<?> c) {
    for (double[] args : c.points()) {
      Case.Probe frame = c.probe();
      double value = frame.valueAndGradient(args);
      Gradient twin = c.twin(args);
      // Guards the twin itself: a typo in it would otherwise look like a processor bug.
      double twinError = GradCheck.relativeError(value, twin.getValue());
      assertTrue(
          twinError <= 1e-12,
          () -> c.describe(args) + ": the twin computes " + twin.getValue() + ", not " + value);
      assertGradientClose(c.describe(args), twin.getGradient(), frame.gradient(), 1e-9);
    }
  }
}
