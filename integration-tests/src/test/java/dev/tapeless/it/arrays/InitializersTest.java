package dev.tapeless.it.arrays;

import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.runtime.GradCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Array initializers: gradient, jvp, hvp, and the frame reusing the arrays they create. */
class InitializersTest {

  /** Keeps the results alive. */
  private static volatile double sink;

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3})
  void initializedArraysCarryDerivatives(int n) {
    Initializers_Grad.Initialized g = new Initializers_Grad.Initialized();
    assertEquals(Initializers.initialized(0.7, 1.3, n), g.valueAndGradient(0.7, 1.3, n));
    GradCheck.check(v -> Initializers.initialized(v[0], v[1], n), new double[] {0.7, 1.3},
        new double[] {g.dx, g.dy}).assertWithin(1e-8);
    assertEquals(g.dx - g.dy, g.jvp(0.7, 1.3, n, 1.0, -1.0),
        1e-12 * (1 + Math.abs(g.dx) + Math.abs(g.dy)));
    double h = 1e-6;
    g.hvp(0.7, 1.3, n, 0.0, 1.0);
    double hv = g.dy;
    Initializers_Grad.Initialized p = new Initializers_Grad.Initialized();
    p.valueAndGradient(0.7, 1.3 + h, n);
    double plus = p.dy;
    p.valueAndGradient(0.7, 1.3 - h, n);
    assertEquals((plus - p.dy) / (2 * h), hv, 1e-6 * (1 + Math.abs(hv)));
    assertAllocatesNothing("Initializers.initialized", () -> {
      double s = 0;
      for (int k = 0; k < 1000; k++) {
        s += g.valueAndGradient(0.7 + k * 1e-4, 1.3, n);
      }
      sink = s;
    });
  }
}
