package dev.tapeless.spark;

import dev.tapeless.samples.calibration.BlackScholes;
import java.io.Serializable;
import java.util.Random;

/**
 * A position in a European call, as an RDD element (the samples' {@code BsInputs} record is not
 * serializable).
 *
 * @param quantity the number of calls held (negative when sold)
 * @param spot the underlying's price today
 * @param strike the strike
 * @param vol the volatility, per √year
 * @param rate the continuously compounded interest rate
 * @param dividend the continuous dividend yield
 * @param years time to expiry in years
 */
public record CallPosition(double quantity, double spot, double strike, double vol, double rate,
    double dividend, double years) implements Serializable {

  /** The inputs of {@link BlackScholes#call}. */
  public BlackScholes.BsInputs inputs() {
    return new BlackScholes.BsInputs(spot, strike, vol, rate, dividend, years);
  }

  /** A random position: strikes 50 to 150 around a spot of 80 to 120, 1 month to 5 years. */
  public static CallPosition random(Random rng) {
    return new CallPosition(Math.rint(rng.nextDouble() * 200 - 100), 80 + 40 * rng.nextDouble(),
        50 + 100 * rng.nextDouble(), 0.05 + 0.6 * rng.nextDouble(), 0.05 * rng.nextDouble(),
        0.03 * rng.nextDouble(), 1.0 / 12 + 5 * rng.nextDouble());
  }
}
