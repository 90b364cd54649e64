package dev.tapeless.samples.gmm;

/**
 * log Γ(x) for x > 0, which {@code java.lang.Math} lacks and the Wishart constant of the GMM
 * objective needs (the samples depend on no math library at run time).
 *
 * <p>The Lanczos approximation with g = 7 and nine coefficients (the widely published set, as in
 * Numerical Recipes and Press et al.), about 15 significant digits for x ≥ ½; below ½ the
 * reflection formula Γ(x)Γ(1 − x) = π / sin(πx) maps x to 1 − x.
 */
final class LogGamma {
  private LogGamma() {}

  private static final double G = 7;

  private static final double[] COEFFICIENTS = {
    0.99999999999980993,
    676.5203681218851,
    -1259.1392167224028,
    771.32342877765313,
    -176.61502916214059,
    12.507343278686905,
    -0.13857109526572012,
    9.9843695780195716e-6,
    1.5056327351493116e-7
  };

  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  /**
   * log Γ(x) for x > 0.
   *
   * @throws IllegalArgumentException if x is not positive and finite
   */
  static double lgamma(double x) {
    if (!(x > 0) || Double.isInfinite(x)) {
      throw new IllegalArgumentException("lgamma needs a positive finite argument: " + x);
    }
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
    }
    double z = x - 1;
    double series = COEFFICIENTS[0];
    for (int i = 1; i < COEFFICIENTS.length; i++) {
      series += COEFFICIENTS[i] / (z + i);
    }
    double t = z + G + 0.5;
    return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(series);
  }
}
