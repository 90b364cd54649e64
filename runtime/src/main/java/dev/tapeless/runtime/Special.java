package dev.tapeless.runtime;

import dev.tapeless.CustomDerivative;

/**
 * The error function and the standard normal distribution function, with registered
 * derivatives for every mode: pricing code (Black–Scholes, Bachelier) and probit models need
 * Φ, and {@code java.lang.Math} has neither.
 *
 * <p>Accuracy: about 1e-15 relative, also in the tails, where {@code erfc} and Φ of a large
 * negative argument are tiny and are computed directly rather than as {@code 1 - erf}: a series
 * with positive terms for erf, a continued fraction for erfc from 1.2 on (Mills' ratio for Φ). Derivatives come from their closed
 * forms ({@code erf' = 2/√π e^(-x²)}, {@code Φ' = φ}).
 */
public final class Special {
  private Special() {}

  private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
  private static final double ONE_OVER_SQRT_PI = 0.5641895835477563;
  private static final double ONE_OVER_SQRT_TWO_PI = 0.3989422804014327;
  private static final double SQRT_HALF = 0.7071067811865476;
  /** erf by its series below this, as 1 - erfc above. */
  private static final double ERF_SERIES = 2.0;
  /**
   * erfc by its continued fraction from here (at most about 130 terms), as 1 - erf below, where
   * erfc is at least 0.09 and the subtraction loses under four bits.
   */
  private static final double ERFC_FRACTION = 1.2;

  /**
   * The error function {@code erf(x) = 2/√π ∫₀ˣ e^(-t²) dt}.
   *
   * @param x the argument
   * @return erf(x), in [-1, 1]
   */
  @CustomDerivative(value = "erfPullback", pushforward = "erfPushforward")
  public static double erf(double x) {
    double a = Math.abs(x);
    double r = a < ERF_SERIES ? series(a) : 1.0 - fraction(a);
    return x < 0 ? -r : r;
  }

  /**
   * Pullback of {@link #erf}: {@code dResult * 2/sqrt(pi) e^(-x^2)}.
   *
   * @param x the kernel's argument
   * @param dResult adjoint of the result (the seed)
   * @return the adjoint contribution to x, to be added to its adjoint
   */
  public static double erfPullback(double x, double dResult) {
    return dResult * (TWO_OVER_SQRT_PI * Math.exp(-x * x));
  }

  /**
   * Pushforward of {@link #erf}: {@code xDot * 2/sqrt(pi) e^(-x^2)}.
   *
   * @param x the kernel's argument
   * @param xDot tangent of x
   * @return the tangent of erf(x)
   */
  @CustomDerivative("erfPushforwardPullback")
  public static double erfPushforward(double x, double xDot) {
    return erfPullback(x, xDot);
  }

  /**
   * Second order: {@code d/dx = xDot · erf''(x) = xDot · (-2x) erf'(x)}, {@code d/dxDot = erf'(x)}.
   *
   * @param x the kernel's argument
   * @param xDot tangent of x
   * @param dResult adjoint of the pushforward's result (the seed)
   * @param dScalars adjoints of (x, xDot), length 2, added to
   */
  public static void erfPushforwardPullback(double x, double xDot, double dResult,
      double[] dScalars) {
    Checks.scalarAdjoints("erfPushforwardPullback", dScalars, 2);
    double slope = TWO_OVER_SQRT_PI * Math.exp(-x * x);
    dScalars[0] += dResult * (xDot * (-2.0 * x * slope));
    dScalars[1] += dResult * slope;
  }

  /**
   * The complementary error function {@code 1 - erf(x)}, accurate where it is tiny.
   *
   * @param x the argument
   * @return erfc(x), in [0, 2]
   */
  @CustomDerivative(value = "erfcPullback", pushforward = "erfcPushforward")
  public static double erfc(double x) {
    if (x >= ERFC_FRACTION) {
      return fraction(x);
    }
    if (x <= -ERFC_FRACTION) {
      return 2.0 - fraction(-x);
    }
    return x < 0 ? 1.0 + series(-x) : 1.0 - series(x);
  }

  /**
   * Pullback of {@link #erfc}: {@code -dResult * 2/sqrt(pi) e^(-x^2)}.
   *
   * @param x the kernel's argument
   * @param dResult adjoint of the result (the seed)
   * @return the adjoint contribution to x, to be added to its adjoint
   */
  public static double erfcPullback(double x, double dResult) {
    return -erfPullback(x, dResult);
  }

  /**
   * Pushforward of {@link #erfc}: {@code -xDot * 2/sqrt(pi) e^(-x^2)}.
   *
   * @param x the kernel's argument
   * @param xDot tangent of x
   * @return the tangent of erfc(x)
   */
  @CustomDerivative("erfcPushforwardPullback")
  public static double erfcPushforward(double x, double xDot) {
    return erfcPullback(x, xDot);
  }

  /**
   * Pullback of {@link #erfcPushforward}: that of {@link #erfPushforward}, negated.
   *
   * @param x the kernel's argument
   * @param xDot tangent of x
   * @param dResult adjoint of the pushforward's result (the seed)
   * @param dScalars adjoints of (x, xDot), length 2, added to
   */
  public static void erfcPushforwardPullback(double x, double xDot, double dResult,
      double[] dScalars) {
    erfPushforwardPullback(x, xDot, -dResult, dScalars);
  }

  /**
   * The standard normal distribution function {@code Φ(x) = P(Z ≤ x)}, as
   * {@code erfc(-x/√2) / 2}: relative accuracy also far in the lower tail.
   *
   * @param x the argument
   * @return {@code P(Z <= x)} for a standard normal Z, in [0, 1]
   */
  @CustomDerivative(value = "normalCdfPullback", pushforward = "normalCdfPushforward")
  public static double normalCdf(double x) {
    if (x < -ERFC_FRACTION / SQRT_HALF) {
      // a = -x/√2 beyond the switch: erfc(a) would magnify the rounding of a by 2a² (1e-13 at
      // x = -37), so Mills' ratio takes x itself
      return x < -40 ? 0.0 : normalPdf(x) / continuedFraction(-x, 1.0);
    }
    return 0.5 * erfc(-x * SQRT_HALF);
  }

  /**
   * The standard normal density {@code φ(x) = e^(-x²/2) / √(2π)}, Φ's derivative.
   *
   * @param x the argument
   * @return the standard normal density at x
   */
  public static double normalPdf(double x) {
    double a = Math.abs(x);
    if (a > 40) {
      return 0.0; // e^(-a²/2) underflows (and a may be infinite)
    }
    return ONE_OVER_SQRT_TWO_PI * expMinusSquare(a, 0.5);
  }

  /**
   * Pullback of {@link #normalCdf}: {@code dResult * normalPdf(x)}.
   *
   * @param x the kernel's argument
   * @param dResult adjoint of the result (the seed)
   * @return the adjoint contribution to x, to be added to its adjoint
   */
  public static double normalCdfPullback(double x, double dResult) {
    return dResult * normalPdf(x);
  }

  /**
   * Pushforward of {@link #normalCdf}: {@code xDot * normalPdf(x)}.
   *
   * @param x the kernel's argument
   * @param xDot tangent of x
   * @return the tangent of normalCdf(x)
   */
  @CustomDerivative("normalCdfPushforwardPullback")
  public static double normalCdfPushforward(double x, double xDot) {
    return normalCdfPullback(x, xDot);
  }

  /**
   * Second order: {@code Φ'' = -x φ(x)}.
   *
   * @param x the kernel's argument
   * @param xDot tangent of x
   * @param dResult adjoint of the pushforward's result (the seed)
   * @param dScalars adjoints of (x, xDot), length 2, added to
   */
  public static void normalCdfPushforwardPullback(double x, double xDot, double dResult,
      double[] dScalars) {
    Checks.scalarAdjoints("normalCdfPushforwardPullback", dScalars, 2);
    double pdf = normalPdf(x);
    dScalars[0] += dResult * (xDot * (-x * pdf));
    dScalars[1] += dResult * pdf;
  }

  /**
   * {@code erf(a)} for {@code 0 <= a < 2}: {@code 2/√π e^(-a²) Σ 2ⁿ a^(2n+1) / (1·3···(2n+1))},
   * a series of positive terms, so nothing cancels.
   */
  private static double series(double a) {
    double term = a;
    double sum = a;
    double a2 = 2.0 * a * a;
    for (int n = 1; n < 200 && term > 1e-17 * sum; n++) {
      term *= a2 / (2 * n + 1);
      sum += term;
    }
    return TWO_OVER_SQRT_PI * expMinusSquare(a, 1.0) * sum;
  }

  /**
   * {@code e^(-c a²)} for c = 1 or 1/2 without the rounding of {@code a²}, which exp magnifies
   * (by 676 at a = 26, 1e-13 relative): {@code a = hi + lo} with {@code hi} of 21 bits, so
   * {@code c hi²} is exact and {@code a² - hi² = lo (a + hi)} is small.
   */
  private static double expMinusSquare(double a, double c) {
    double hi = Double.longBitsToDouble(Double.doubleToRawLongBits(a) & 0xffffffff00000000L);
    double lo = a - hi;
    return Math.exp(-c * hi * hi) * Math.exp(-c * lo * (a + hi));
  }

  private static double fraction(double a) {
    if (a > 28) {
      return 0.0; // e^(-a²) underflows (and a may be infinite)
    }
    return ONE_OVER_SQRT_PI * expMinusSquare(a, 1.0) / continuedFraction(a, 0.5);
  }

  /**
   * {@code t + s/(t + 2s/(t + 3s/(t + ...)))} by the modified Lentz method: with s = 1/2 the
   * denominator of erfc's fraction, with s = 1 of Mills' ratio {@code Q(t) = φ(t) / (...)}.
   */
  private static double continuedFraction(double t, double s) {
    double tiny = 1e-300;
    double f = t;
    double c = t;
    double d = 0.0;
    for (int k = 1; k < 500; k++) {
      double numerator = s * k;
      d = t + numerator * d;
      d = d == 0.0 ? tiny : d;
      c = t + numerator / c;
      c = c == 0.0 ? tiny : c;
      d = 1.0 / d;
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1.0) < 1e-16) {
        break;
      }
    }
    return f;
  }
}
