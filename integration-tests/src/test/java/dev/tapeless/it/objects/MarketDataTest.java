package dev.tapeless.it.objects;

import static dev.tapeless.it.objects.ObjectParameterGradientsTest.assertClose;

import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;

/**
 * A market-data object read through its fields and methods: its answers never change, so every
 * entry point, {@code hessian} included, differentiates one function, checked against
 * Hipparchus to second order.
 */
class MarketDataTest {

  static final Market MARKET = new Market(0.03, 6, new double[] {1.0, 1.02, 0.97, 1.05});
  static final double SPOT = 100;
  static final double VOL = 0.25;

  /** The price and its first and second derivatives by Hipparchus, in (spot, vol). */
  private static DerivativeStructure hipparchus() {
    DSFactory factory = new DSFactory(2, 2);
    DerivativeStructure spot = factory.variable(0, SPOT);
    DerivativeStructure vol = factory.variable(1, VOL);
    DerivativeStructure total = factory.constant(0);
    for (int i = 0; i < MARKET.steps; i++) {
      DerivativeStructure f = spot.multiply(MARKET.forward(i))
          .multiply(vol.multiply(vol).multiply(-0.5 * (i + 1)).exp());
      total = total.add(f.multiply(MARKET.discount(i + 1.0)));
    }
    return total.multiply(MARKET.rate);
  }

  @Test
  void gradientMatchesHipparchus() {
    Draws_Grad.Price g = new Draws_Grad.Price();
    DerivativeStructure expected = hipparchus();
    assertClose(expected.getValue(), g.valueAndGradient(SPOT, VOL, MARKET), 1e-12, "value");
    assertClose(expected.getPartialDerivative(1, 0), g.dspot, 1e-9, "dspot");
    assertClose(expected.getPartialDerivative(0, 1), g.dvol, 1e-9, "dvol");
  }

  @Test
  void hessianAndJvpMatchHipparchus() {
    Draws_Grad.Price g = new Draws_Grad.Price();
    DerivativeStructure expected = hipparchus();
    double[][] h = new double[2][2];
    g.hessian(SPOT, VOL, MARKET, h);
    assertClose(expected.getPartialDerivative(2, 0), h[0][0], 1e-9, "H[0][0]");
    assertClose(expected.getPartialDerivative(1, 1), h[0][1], 1e-9, "H[0][1]");
    assertClose(expected.getPartialDerivative(1, 1), h[1][0], 1e-9, "H[1][0]");
    assertClose(expected.getPartialDerivative(0, 2), h[1][1], 1e-9, "H[1][1]");
    double jvp = g.jvp(SPOT, VOL, MARKET, 2.0, -1.0);
    assertClose(2 * expected.getPartialDerivative(1, 0) - expected.getPartialDerivative(0, 1),
        jvp, 1e-9, "jvp");
  }
}
