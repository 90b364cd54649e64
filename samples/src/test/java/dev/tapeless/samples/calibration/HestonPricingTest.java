package dev.tapeless.samples.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.samples.calibration.BlackScholes.BsInputs;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/**
 * The Heston prices against published reference values, the Black–Scholes limit, and an
 * independent implementation in Hipparchus forward mode (value and gradient).
 */
class HestonPricingTest {

  /**
   * Alan Lewis's high-precision Heston calls (S = 100, T = 1, r = 0.01, q = 0.02, v0 = 0.04,
   * kappa = 4, theta = 0.25, sigma = 1, rho = −0.5), as cached in QuantLib's Heston tests
   * ({@code HestonModelTest::testAllIntegrationMethods}, "alanCalls").
   */
  @Test
  void matchesLewisHighPrecisionReferencePrices() {
    HestonParams p = new HestonParams(4, 0.25, 1, -0.5, 0.04);
    double[] strikes = {80, 90, 100, 110, 120};
    double[] expected = {26.774758743998854, 20.933349000596710, 16.070154917028834,
        12.132211516709845, 9.024913483457836};
    for (int i = 0; i < strikes.length; i++) {
      double price = Heston.call(p, 100, strikes[i], 0.01, 0.02, 1);
      assertEquals(expected[i], price, 1e-10, "K = " + strikes[i]);
    }
  }

  /**
   * Fang and Oosterlee (2008), "A Novel Pricing Method for European Options Based on
   * Fourier-Cosine Series Expansions", Table 4: S = K = 100, T = 1, r = q = 0, kappa = 1.5768,
   * theta = 0.0398, sigma = 0.5751, rho = −0.5711, v0 = 0.0175: 5.785155450 (published to
   * nine decimals; the reference itself is a Carr–Madan value, good to about 1e-8).
   */
  @Test
  void matchesFangOosterleeReferencePrice() {
    HestonParams p = new HestonParams(1.5768, 0.0398, 0.5751, -0.5711, 0.0175);
    assertEquals(5.785155450, Heston.call(p, 100, 100, 0, 0, 1), 5e-8);
  }

  /**
   * With a tiny volatility of variance and v0 = theta the variance stays at v0, and the price is
   * Black–Scholes's with volatility √v0 (the gap shrinks like sigma² when rho = 0; at
   * sigma = 1e-4 what is left is rounding in (2/sigma²)·log(...), about 1e-8).
   */
  @Test
  void tendsToBlackScholesWhenTheVarianceIsConstant() {
    HestonParams p = new HestonParams(1.5, 0.04, 1e-4, 0, 0.04);
    for (double t : new double[] {0.25, 1, 3}) {
      for (double k : new double[] {70, 100, 130}) {
        double bs = BlackScholes.call(new BsInputs(100, k, 0.2, 0.03, 0.01, t));
        assertEquals(bs, Heston.call(p, 100, k, 0.03, 0.01, t), 1e-7, "T = " + t + ", K = " + k);
      }
    }
  }

  @Test
  void valueAndGradientMatchHipparchusForwardMode() {
    HestonParams[] points = {HestonCalibration.TRUE, HestonCalibration.START,
        new HestonParams(4, 0.25, 1, -0.5, 0.04)};
    Heston_Grad.Call frame = new Heston_Grad.Call();
    for (HestonParams p : points) {
      for (double t : new double[] {0.25, 2}) {
        for (double k : new double[] {80, 100, 120}) {
          Gradient reference = HestonReference.call(p, 100, k, 0.02, 0.01, t);
          double value = frame.valueAndGradient(p, 100, k, 0.02, 0.01, t);
          String where = p + ", K = " + k + ", T = " + t;
          assertEquals(reference.getValue(), value, 1e-11 * reference.getValue(), where);
          double[] generated = {frame.dp.kappa, frame.dp.theta, frame.dp.sigma, frame.dp.rho,
              frame.dp.v0};
          double[] expected = reference.getGradient();
          double scale = 0;
          for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
          }
          for (int i = 0; i < 5; i++) {
            assertEquals(expected[i], generated[i], 1e-9 * scale, where + ", component " + i);
          }
        }
      }
    }
  }
}
