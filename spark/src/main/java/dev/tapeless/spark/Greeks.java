package dev.tapeless.spark;

import dev.tapeless.samples.calibration.BlackScholes_Grad;
import java.io.Serializable;

/**
 * A position's value and first-order sensitivities, each times its quantity, so that a
 * portfolio's are the sums.
 *
 * @param value the Black–Scholes value
 * @param delta ∂value/∂spot
 * @param vega ∂value/∂vol
 * @param rho ∂value/∂rate
 * @param theta −∂value/∂years: the change per year as time passes
 */
public record Greeks(double value, double delta, double vega, double rho, double theta)
    implements Serializable {

  /** No position. */
  public static final Greeks ZERO = new Greeks(0, 0, 0, 0, 0);

  /**
   * The Greeks of {@code position} from {@code frame}, one reverse sweep for all of them.
   *
   * @param frame a frame of {@code BlackScholes.call}, reused across positions
   * @param position the position
   * @return its value and sensitivities, times its quantity
   */
  public static Greeks of(BlackScholes_Grad.Call frame, CallPosition position) {
    double value = frame.valueAndGradient(position.inputs());
    double q = position.quantity();
    return new Greeks(q * value, q * frame.doption.spot, q * frame.doption.vol,
        q * frame.doption.rate, -q * frame.doption.years);
  }

  /**
   * The sums of two positions' Greeks.
   *
   * @param other the other position's (or portfolio's)
   * @return a new record with every field summed
   */
  public Greeks plus(Greeks other) {
    return new Greeks(value + other.value, delta + other.delta, vega + other.vega,
        rho + other.rho, theta + other.theta);
  }
}
