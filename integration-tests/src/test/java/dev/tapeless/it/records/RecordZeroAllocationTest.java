package dev.tapeless.it.records;

import static dev.tapeless.it.records.RecordGradientsTest.MARKET;
import static dev.tapeless.it.records.RecordGradientsTest.SURFACE;
import static dev.tapeless.it.records.RecordGradientsTest.TARGET;
import static dev.tapeless.it.records.RecordGradientsTest.X;
import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;

import dev.tapeless.it.records.Layers.Net;
import org.junit.jupiter.api.Test;

/**
 * Frames that take records allocate nothing per call after warm-up: the records' components
 * are read into locals, and the twins' arrays are reused like the {@code d*} fields.
 */
class RecordZeroAllocationTest {

  private static final int CALLS = 500;

  /** Keeps the results alive. */
  private static volatile double sink;

  @Test
  void recordGradientJvpAndHvpAllocateNothing() {
    Surfaces_Grad.Loss g = new Surfaces_Grad.Loss();
    assertAllocatesNothing("Surfaces.loss", () -> {
      double s = 0;
      for (int k = 0; k < CALLS; k++) {
        s += g.valueAndGradient(SURFACE, MARKET) + g.jvp(SURFACE, MARKET, SURFACE)
            + g.hvp(SURFACE, MARKET, SURFACE);
      }
      sink = s;
    });
  }

  @Test
  void recordsOfArraysThroughCalleesAllocateNothing() {
    Net net = RecordGradientsTest.net();
    Layers_Grad.Loss g = new Layers_Grad.Loss();
    assertAllocatesNothing("Layers.loss", () -> {
      double s = 0;
      for (int k = 0; k < CALLS; k++) {
        s += g.valueAndGradient(net, X, TARGET) + g.jvp(net, X, TARGET, net, X, TARGET)
            + g.hvp(net, X, TARGET, net, X, TARGET);
      }
      sink = s;
    });
  }
}
