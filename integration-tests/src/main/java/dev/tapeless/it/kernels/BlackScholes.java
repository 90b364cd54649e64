package dev.tapeless.it.kernels;

import dev.tapeless.Differentiable;
import dev.tapeless.runtime.Special;

/** A European call under Black–Scholes, written as a quant would, with the runtime's Φ. */
public final class BlackScholes {
  private BlackScholes() {}

  @Differentiable
  public static double call(double spot, double strike, double volatility, double rate,
      double years) {
    double sqrtT = Math.sqrt(years);
    double d1 = (Math.log(spot / strike) + (rate + 0.5 * volatility * volatility) * years)
        / (volatility * sqrtT);
    double d2 = d1 - volatility * sqrtT;
    return spot * Special.normalCdf(d1) - strike * Math.exp(-rate * years) * Special.normalCdf(d2);
  }
}
