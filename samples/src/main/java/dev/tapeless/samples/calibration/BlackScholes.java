package dev.tapeless.samples.calibration;

import dev.tapeless.Differentiable;
import dev.tapeless.runtime.Special;

/**
 * The Black–Scholes price of a European call as a {@code @Differentiable} function of one
 * record: one {@code valueAndGradient} gives every first-order Greek (delta, vega, rho, theta,
 * the sensitivities to strike and dividend yield), {@code hessian} the second-order ones
 * (gamma, vanna, volga), and Newton's method on the vega inverts the price into an implied
 * volatility.
 */
public final class BlackScholes {
  private BlackScholes() {}

  /**
   * What a Black–Scholes price depends on.
   *
   * @param spot the underlying's price today
   * @param strike the option's strike
   * @param vol the volatility, per √year
   * @param rate the continuously compounded interest rate
   * @param dividend the continuous dividend yield
   * @param years time to expiry in years
   */
  public record BsInputs(double spot, double strike, double vol, double rate, double dividend,
      double years) {

    /** The same option at another volatility. */
    public BsInputs withVol(double newVol) {
      return new BsInputs(spot, strike, newVol, rate, dividend, years);
    }
  }

  /** The call's price. */
  @Differentiable
  public static double call(BsInputs option) {
    double root = Math.sqrt(option.years());
    double stdDev = option.vol() * root;
    double d1 = (Math.log(option.spot() / option.strike())
        + (option.rate() - option.dividend()) * option.years()) / stdDev + 0.5 * stdDev;
    double d2 = d1 - stdDev;
    return option.spot() * Math.exp(-option.dividend() * option.years()) * Special.normalCdf(d1)
        - option.strike() * Math.exp(-option.rate() * option.years()) * Special.normalCdf(d2);
  }

  /**
   * The volatility at which the call's price is {@code price}: Newton's method with the vega
   * from the generated frame, from a start where the price is convex in the volatility.
   * NaN when the price is outside the no-arbitrage bounds or Newton does not settle.
   */
  public static double impliedVol(BlackScholes_Grad.Call frame, double price, BsInputs option) {
    double forward = option.spot() * Math.exp((option.rate() - option.dividend()) * option.years());
    double discount = Math.exp(-option.rate() * option.years());
    double intrinsic = discount * Math.max(forward - option.strike(), 0);
    if (!(price > intrinsic && price < discount * forward)) {
      return Double.NaN;
    }
    // The inflection point of price(vol): Newton from there moves monotonically to the root.
    double vol = Math.sqrt(2 * Math.abs(Math.log(forward / option.strike())) / option.years());
    vol = Math.max(vol, 0.1);
    for (int iteration = 0; iteration < 50; iteration++) {
      double error = frame.valueAndGradient(option.withVol(vol)) - price;
      double vega = frame.doption.vol;
      double step = error / vega;
      vol -= step;
      if (Math.abs(step) < 1e-12 * vol) {
        return vol;
      }
    }
    return Double.NaN;
  }
}
