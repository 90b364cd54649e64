package dev.tapeless.it.arrays;

import static dev.tapeless.it.arrays.ArrayGradientAssert.assertGradientClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.runtime.GradCheck;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Corpus functions against twins written in Hipparchus forward-mode arithmetic: an independent
 * implementation, exact up to rounding, so the tolerance is far tighter than for finite
 * differences.
 */
class ArrayHipparchusTest {

  private static final double TOLERANCE = 1e-9;

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#scalarTwinCases")
  void gradientMatchesHipparchusForwardMode(ArrayCase<?> c) {
    for (Args args : c.points()) {
      ArrayCase.Probe frame = c.probe();
      double value = frame.valueAndGradient(args.copy());
      Gradient twin = c.twin(args);
      // Guards the twin itself: a typo in it would otherwise look like a processor bug.
      double twinError = GradCheck.relativeError(value, twin.getValue());
      assertTrue(twinError <= 1e-12,
          () -> c.describe(args) + ": the twin computes " + twin.getValue() + ", not " + value);
      assertGradientClose(c.describe(args), twin.getGradient(), frame.gradient(), TOLERANCE);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#outputTwinCases")
  void jacobianMatchesHipparchusForwardMode(ArrayCase<?> c) {
    for (Args args : c.points()) {
      double[] outputs = c.plainOutputs(args);
      int columns = c.activeValues(args).length;
      double[][] j = new double[outputs.length][columns];
      c.probe().jacobian(args.copy(), j);
      Gradient[] twin = c.outTwin(args);
      assertEquals(outputs.length, twin.length, () -> c.describe(args) + ": twin outputs");
      for (int k = 0; k < outputs.length; k++) {
        int row = k;
        double twinError = GradCheck.relativeError(outputs[k], twin[k].getValue());
        assertTrue(twinError <= 1e-12, () -> c.describe(args) + ": the twin's output " + row
            + " is " + twin[row].getValue() + ", not " + outputs[row]);
        assertGradientClose(c.describe(args) + " row " + k, twin[k].getGradient(), j[k],
            TOLERANCE);
      }
    }
  }
}
