package dev.tapeless.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * erf, erfc and Φ against Hipparchus over a grid that crosses the series/fraction switch and
 * reaches the tails, and their pullbacks, pushforwards and second-order pullbacks against
 * central differences.
 */
class SpecialTest {

  private static double relative(double expected, double actual) {
    return expected == actual ? 0 : Math.abs(expected - actual) / Math.abs(expected);
  }

  /** Where Hipparchus is itself accurate (|x| <= 6; beyond, its erfc drifts to 1e-13). */
  @Test
  void erfAndErfcMatchHipparchusToAFewUlps() {
    double worstErf = 0;
    double worstErfc = 0;
    for (double x = -6; x <= 6; x += 0.01) {
      worstErf = Math.max(worstErf, relative(Erf.erf(x), Special.erf(x)));
      worstErfc = Math.max(worstErfc, relative(Erf.erfc(x), Special.erfc(x)));
    }
    assertTrue(worstErf < 5e-15, "erf relative error " + worstErf);
    assertTrue(worstErfc < 1e-14, "erfc relative error " + worstErfc);
    assertEquals(0.0, Special.erf(0.0));
    assertEquals(1.0, Special.erf(Double.POSITIVE_INFINITY));
    assertEquals(-1.0, Special.erf(Double.NEGATIVE_INFINITY));
    assertEquals(0.0, Special.erfc(Double.POSITIVE_INFINITY));
    assertEquals(2.0, Special.erfc(Double.NEGATIVE_INFINITY));
    assertEquals(0.0, Special.normalCdf(Double.NEGATIVE_INFINITY));
    assertEquals(1.0, Special.normalCdf(Double.POSITIVE_INFINITY));
    assertEquals(0.0, Special.normalPdf(Double.POSITIVE_INFINITY));
    assertTrue(Double.isNaN(Special.erf(Double.NaN)));
  }

  /** Tail values to 20 digits (Abramowitz and Stegun's tables, extended by Mathematica). */
  @Test
  void tailsMatchReferenceValues() {
    double[][] erfc = {{2.0, 4.6777349810472658379e-3}, {3.0, 2.2090496998585441373e-5},
        {5.0, 1.5374597944280348502e-12}, {10.0, 2.0884875837625447570e-45},
        {20.0, 5.3958656116079009289e-176}};
    for (double[] point : erfc) {
      assertTrue(relative(point[1], Special.erfc(point[0])) < 1e-15,
          "erfc(" + point[0] + ") = " + Special.erfc(point[0]));
    }
  }

  @Test
  void normalCdfIsAccurateInBothTails() {
    double worst = 0;
    for (double x = -8; x <= 8; x += 0.05) {
      double expected = 0.5 * Erf.erfc(-x / Math.sqrt(2));
      worst = Math.max(worst, relative(expected, Special.normalCdf(x)));
    }
    assertTrue(worst < 1e-14, "normalCdf relative error " + worst);
    assertEquals(0.5, Special.normalCdf(0.0), 1e-16);
    assertEquals(0.9750021048517795, Special.normalCdf(1.96), 1e-15);
    // the lower tail through Mills' ratio, continuous at the switch
    double below = Special.normalCdf(Math.nextDown(-1.2 / Math.sqrt(0.5)));
    double above = Special.normalCdf(-1.2 / Math.sqrt(0.5));
    assertTrue(relative(above, below) < 1e-14, below + " vs " + above);
    assertTrue(relative(2.7536241186062336951e-89, Special.normalCdf(-20)) < 1e-14,
        "Φ(-20) = " + Special.normalCdf(-20));
  }

  @Test
  void derivativesMatchCentralDifferences() {
    double h = 1e-6;
    for (double x = -3; x <= 3; x += 0.37) {
      double dErf = (Special.erf(x + h) - Special.erf(x - h)) / (2 * h);
      assertEquals(dErf, Special.erfPullback(x, 1.0), 1e-8);
      assertEquals(2.5 * dErf, Special.erfPushforward(x, 2.5), 1e-8);
      assertEquals(-dErf, Special.erfcPullback(x, 1.0), 1e-8);
      double dCdf = (Special.normalCdf(x + h) - Special.normalCdf(x - h)) / (2 * h);
      assertEquals(dCdf, Special.normalCdfPullback(x, 1.0), 1e-8);
      assertEquals(dCdf, Special.normalPdf(x), 1e-8);
    }
  }

  @Test
  void secondOrderPullbacksDifferentiateThePushforwards() {
    double h = 1e-6;
    for (double x = -2.5; x <= 2.5; x += 0.43) {
      double xDot = 0.7;
      double[] erf = new double[2];
      Special.erfPushforwardPullback(x, xDot, 1.0, erf);
      assertEquals((Special.erfPushforward(x + h, xDot) - Special.erfPushforward(x - h, xDot))
          / (2 * h), erf[0], 1e-8);
      assertEquals(Special.erfPushforward(x, 1.0), erf[1], 1e-15);
      double[] erfc = new double[2];
      Special.erfcPushforwardPullback(x, xDot, 1.0, erfc);
      assertEquals(-erf[0], erfc[0], 1e-15);
      assertEquals(-erf[1], erfc[1], 1e-15);
      double[] cdf = new double[2];
      Special.normalCdfPushforwardPullback(x, xDot, 1.0, cdf);
      assertEquals((Special.normalCdfPushforward(x + h, xDot)
          - Special.normalCdfPushforward(x - h, xDot)) / (2 * h), cdf[0], 1e-8);
      assertEquals(Special.normalPdf(x), cdf[1], 1e-15);
    }
  }
}
