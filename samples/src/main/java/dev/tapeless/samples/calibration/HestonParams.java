package dev.tapeless.samples.calibration;

/**
 * The Heston model's parameters: dv = kappa (theta − v) dt + sigma √v dW₂, with the variance's
 * noise correlated {@code rho} with the spot's, and the variance {@code v0} today.
 *
 * @param kappa speed of mean reversion of the variance
 * @param theta long-run variance
 * @param sigma volatility of the variance ("vol of vol")
 * @param rho correlation of the spot's and the variance's Brownian motions
 * @param v0 the variance today
 */
public record HestonParams(double kappa, double theta, double sigma, double rho, double v0) {

  /** The components in declaration order, the order of the generated Jacobian's columns. */
  public double[] toArray() {
    return new double[] {kappa, theta, sigma, rho, v0};
  }

  /** The inverse of {@link #toArray()}. */
  public static HestonParams of(double[] v) {
    return new HestonParams(v[0], v[1], v[2], v[3], v[4]);
  }

  /** Inside the model's domain: kappa, theta, sigma, v0 positive and |rho| below 1. */
  public boolean admissible() {
    return kappa > 0 && theta > 0 && sigma > 0 && v0 > 0 && rho > -1 && rho < 1;
  }
}
