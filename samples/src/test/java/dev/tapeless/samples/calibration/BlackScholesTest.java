package dev.tapeless.samples.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.runtime.GradCheck;
import dev.tapeless.samples.calibration.BlackScholes.BsInputs;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * The Greeks from the frame of a function of one record against the closed-form Greeks, and
 * the implied volatility found with the generated vega.
 */
class BlackScholesTest {

  private static final BsInputs[] OPTIONS = {
      new BsInputs(100, 100, 0.2, 0.03, 0.01, 1),
      new BsInputs(100, 80, 0.35, 0.05, 0.02, 0.25),
      new BsInputs(100, 130, 0.15, 0.01, 0.03, 2.5),
  };

  private static double cdf(double x) {
    return 0.5 * Erf.erfc(-x / Math.sqrt(2));
  }

  private static double pdf(double x) {
    return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  }

  @Test
  void greeksFromTheTwinMatchTheClosedForms() {
    BlackScholes_Grad.Call frame = new BlackScholes_Grad.Call();
    double[][] hessian = new double[6][6];
    for (BsInputs o : OPTIONS) {
      double s = o.spot();
      double k = o.strike();
      double vol = o.vol();
      double r = o.rate();
      double q = o.dividend();
      double t = o.years();
      double d1 = (Math.log(s / k) + (r - q + 0.5 * vol * vol) * t) / (vol * Math.sqrt(t));
      double d2 = d1 - vol * Math.sqrt(t);
      double dq = Math.exp(-q * t);
      double dr = Math.exp(-r * t);
      double price = s * dq * cdf(d1) - k * dr * cdf(d2);
      double delta = dq * cdf(d1);
      double vega = s * dq * pdf(d1) * Math.sqrt(t);
      double rho = k * t * dr * cdf(d2);
      double dividendRho = -s * t * dq * cdf(d1);
      double dualDelta = -dr * cdf(d2);
      double dPriceDYears = s * dq * pdf(d1) * vol / (2 * Math.sqrt(t)) + r * k * dr * cdf(d2)
          - q * s * dq * cdf(d1);
      double gamma = dq * pdf(d1) / (s * vol * Math.sqrt(t));
      double vanna = -dq * pdf(d1) * d2 / vol;
      double volga = vega * d1 * d2 / vol;

      double value = frame.valueAndGradient(o);
      assertEquals(price, value, 1e-12 * price, o.toString());
      assertEquals(delta, frame.doption.spot, 1e-12, "delta " + o);
      assertEquals(vega, frame.doption.vol, 1e-11 * vega, "vega " + o);
      assertEquals(rho, frame.doption.rate, 1e-11 * rho, "rho " + o);
      assertEquals(dividendRho, frame.doption.dividend, 1e-11 * Math.abs(dividendRho),
          "dividend rho " + o);
      assertEquals(dualDelta, frame.doption.strike, 1e-12, "dual delta " + o);
      assertEquals(dPriceDYears, frame.doption.years, 1e-11 * dPriceDYears, "-theta " + o);

      // Second order over (spot, strike, vol, rate, dividend, years).
      frame.hessian(o, hessian);
      assertEquals(gamma, hessian[0][0], 1e-11 * gamma, "gamma " + o);
      assertEquals(vanna, hessian[0][2], 1e-11 * Math.max(1, Math.abs(vanna)), "vanna " + o);
      assertEquals(vanna, hessian[2][0], 1e-11 * Math.max(1, Math.abs(vanna)), "vanna " + o);
      assertEquals(volga, hessian[2][2], 1e-10 * Math.max(1, Math.abs(volga)), "volga " + o);
    }
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    BlackScholes_Grad.Call frame = new BlackScholes_Grad.Call();
    for (BsInputs o : OPTIONS) {
      frame.valueAndGradient(o);
      double[] analytic = {frame.doption.spot, frame.doption.strike, frame.doption.vol,
          frame.doption.rate, frame.doption.dividend, frame.doption.years};
      double[] at = {o.spot(), o.strike(), o.vol(), o.rate(), o.dividend(), o.years()};
      GradCheck.check(v -> BlackScholes.call(new BsInputs(v[0], v[1], v[2], v[3], v[4], v[5])),
          at, analytic, GradCheck.Options.DEFAULT.withStep(1e-4)).assertWithin(1e-8);
    }
  }

  @Test
  void impliedVolatilityRoundTrips() {
    BlackScholes_Grad.Call frame = new BlackScholes_Grad.Call();
    for (BsInputs o : OPTIONS) {
      for (double vol : new double[] {0.05, 0.2, 0.6, 1.5}) {
        double price = BlackScholes.call(o.withVol(vol));
        double implied = BlackScholes.impliedVol(frame, price, o);
        assertEquals(price, BlackScholes.call(o.withVol(implied)), 1e-12 * price,
            o + " at vol " + vol);
        frame.valueAndGradient(o.withVol(vol));
        if (frame.doption.vol > 1e-3) {
          // Where the price hardly moves with the volatility (deep in the money, short-dated, low
          // volatility) the volatility is not determined by the price; elsewhere it is.
          assertEquals(vol, implied, 1e-8 * vol, o + " at vol " + vol);
        }
      }
    }
    assertTrue(Double.isNaN(BlackScholes.impliedVol(frame, 200, OPTIONS[0])),
        "a price above the forward has no implied volatility");
  }
}
