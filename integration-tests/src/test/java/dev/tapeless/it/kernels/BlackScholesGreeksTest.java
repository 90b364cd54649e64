package dev.tapeless.it.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.runtime.Special;
import org.junit.jupiter.api.Test;

/**
 * The Greeks of a Black–Scholes call from the generated frame against their closed forms:
 * delta, vega, rho and theta from the gradient, gamma, vanna and volga from the Hessian, which
 * goes through Φ's second-order pullback.
 */
class BlackScholesGreeksTest {

  private static final double S = 105;
  private static final double K = 100;
  private static final double SIGMA = 0.25;
  private static final double R = 0.03;
  private static final double T = 0.75;

  private static final double D1 =
      (Math.log(S / K) + (R + 0.5 * SIGMA * SIGMA) * T) / (SIGMA * Math.sqrt(T));
  private static final double D2 = D1 - SIGMA * Math.sqrt(T);
  private static final double PDF = Special.normalPdf(D1);

  @Test
  void gradientGivesDeltaVegaRhoAndTheta() {
    BlackScholes_Grad.Call g = new BlackScholes_Grad.Call();
    double price = g.valueAndGradient(S, K, SIGMA, R, T);
    double discount = Math.exp(-R * T);
    assertEquals(S * Special.normalCdf(D1) - K * discount * Special.normalCdf(D2), price, 1e-12);
    assertEquals(Special.normalCdf(D1), g.dspot, 1e-14);
    assertEquals(-discount * Special.normalCdf(D2), g.dstrike, 1e-14);
    assertEquals(S * PDF * Math.sqrt(T), g.dvolatility, 1e-11);
    assertEquals(K * T * discount * Special.normalCdf(D2), g.drate, 1e-11);
    // dC/dT, minus the usual theta (which is -dC/dT)
    double dPriceDYears = S * PDF * SIGMA / (2 * Math.sqrt(T))
        + R * K * discount * Special.normalCdf(D2);
    assertEquals(dPriceDYears, g.dyears, 1e-11);
  }

  @Test
  void hessianGivesGammaVannaAndVolga() {
    BlackScholes_Grad.Call g = new BlackScholes_Grad.Call();
    double[][] h = new double[5][5];
    g.hessian(S, K, SIGMA, R, T, h);
    double gamma = PDF / (S * SIGMA * Math.sqrt(T));
    double vanna = -PDF * D2 / SIGMA;
    double volga = S * PDF * Math.sqrt(T) * D1 * D2 / SIGMA;
    assertEquals(gamma, h[0][0], 1e-13);
    assertEquals(vanna, h[0][2], 1e-12);
    assertEquals(vanna, h[2][0], 1e-12);
    assertEquals(volga, h[2][2], 1e-10);
  }
}
