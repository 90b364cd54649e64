package dev.tapeless.it.objects;

import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Frames taking an object allocate nothing per call after warm-up: the object is passed
 * through, and its results live in locals and the frame's save buffer like any other value.
 */
class ObjectParameterZeroAllocationTest {

  private static final int CALLS = 500;

  /** Keeps the results alive. */
  private static volatile double sink;

  @Test
  void randomGradientJvpAndHvpAllocateNothing() {
    Draws_Grad.Walk g = new Draws_Grad.Walk();
    double[] w = ObjectParameterGradientsTest.W;
    double[] tangent = {1, 0, -1, 0.5};
    Random rng = new Random(ObjectParameterGradientsTest.SEED);
    assertAllocatesNothing("Draws.walk", () -> {
      double s = 0;
      for (int k = 0; k < CALLS; k++) {
        rng.setSeed(k);
        s += g.valueAndGradient(w, 0.8, rng, 12) + g.jvp(w, 0.8, rng, 12, tangent, 1.0)
            + g.hvp(w, 0.8, rng, 12, tangent, 1.0);
      }
      sink = s;
    });
  }

  @Test
  void marketDataGradientAllocatesNothing() {
    Draws_Grad.Price g = new Draws_Grad.Price();
    assertAllocatesNothing("Draws.price", () -> {
      double s = 0;
      for (int k = 0; k < CALLS; k++) {
        s += g.valueAndGradient(100, 0.2 + k * 1e-4, MarketDataTest.MARKET)
            + g.hvp(100, 0.2, MarketDataTest.MARKET, 1.0, 0.0);
      }
      sink = s;
    });
  }
}
