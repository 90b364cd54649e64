package dev.tapeless.samples.calibration;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import dev.tapeless.Out;

/**
 * European call prices under the Heston model, written the way a quant writes them, and the
 * least-squares objective of a calibration, all {@code @Differentiable} in the parameter record.
 *
 * <p>The price is Lewis's single-integral formula (Lewis 2000, "Option Valuation under
 * Stochastic Volatility", eq. 2.10; also Gatheral, "The Volatility Surface", ch. 2):
 *
 * <pre>
 *   C = S e^(−qT) − (√(SK) e^(−(r+q)T/2) / π) ∫₀^∞ Re[e^(iux) φ(u − i/2)] / (u² + 1/4) du,
 *   x = ln(S/K) + (r − q)T,
 * </pre>
 *
 * with φ the characteristic function of ln(S_T / F_T) in Albrecher et al.'s "little Heston
 * trap" form, which is continuous along the whole integration path. Complex numbers are pairs
 * of {@code double} locals ({@code re}, {@code im}); the integral is a composite Gauss–Legendre
 * rule on [0, 300] (20 points on each of [0, 2], [2, 10], [10, 40], [40, 120], [120, 300]:
 * short panels near 0, where the integrand's poles at ±i/2 are close) whose nodes and weights
 * are constant tables ({@code static final double[]}). Against the reference prices of Lewis
 * and of Fang and Oosterlee it is right to 1e-12 and 2e-8 (the reference's own accuracy).
 */
public final class Heston {
  private Heston() {}

  /** The panels of the quadrature; the integral over u is cut off at the last break. */
  static final double[] BREAKS = {0, 2, 10, 40, 120, 300};

  private static final double[][] RULE = GaussLegendre.composite(BREAKS, 20);

  /** Gauss–Legendre nodes, 20 per panel. */
  static final double[] NODES = RULE[0];

  /** Gauss–Legendre weights, in the order of the nodes. */
  static final double[] WEIGHTS = RULE[1];

  /**
   * Quotes of European calls on one underlying: the market data of a calibration (not
   * differentiated).
   */
  public record Quotes(double spot, double rate, double dividend, double[] strikes,
      double[] maturities, double[] prices) {}

  /**
   * Re[e^(iux) φ(u − i/2)] / (u² + 1/4), the integrand of Lewis's formula at u, for log-forward
   * moneyness {@code x} = ln(F/K) and maturity {@code t}.
   *
   * <p>With w = u − i/2, Gatheral's α = −w²/2 − iw/2 is real, −(u² + 1/4)/2, and
   * β = κ − ρσiw = (κ − ρσ/2) − iρσu. The root d = √(β² + σ²(u² + 1/4)) has a positive real
   * part for every u, so its imaginary part is Im(d²) / (2 Re d), smooth everywhere;
   * r₋ = (β − d)/σ² is computed as −(u² + 1/4)/(β + d), which is the same number without the
   * cancellation that would lose it for small σ (the Black–Scholes limit).
   */
  @Differentiable
  public static double integrand(HestonParams p, double u, double x, double t) {
    double kappa = p.kappa();
    double sigma = p.sigma();
    double s2 = sigma * sigma;
    double a = u * u + 0.25;
    // beta = (kappa - rho sigma / 2) - i rho sigma u
    double betaRe = kappa - 0.5 * p.rho() * sigma;
    double betaIm = -p.rho() * sigma * u;
    // d = sqrt(beta^2 + sigma^2 a)
    double dsqRe = betaRe * betaRe - betaIm * betaIm + s2 * a;
    double dsqIm = 2 * betaRe * betaIm;
    double dRe = Math.sqrt(0.5 * (Math.hypot(dsqRe, dsqIm) + dsqRe));
    double dIm = dsqIm / (2 * dRe);
    // rMinus = (beta - d) / sigma^2 = -a / (beta + d)
    double bpdRe = betaRe + dRe;
    double bpdIm = betaIm + dIm;
    double bpdNorm = bpdRe * bpdRe + bpdIm * bpdIm;
    double rmRe = -a * bpdRe / bpdNorm;
    double rmIm = a * bpdIm / bpdNorm;
    // g = (beta - d) / (beta + d) = rMinus sigma^2 / (beta + d)
    double gRe = s2 * (rmRe * bpdRe + rmIm * bpdIm) / bpdNorm;
    double gIm = s2 * (rmIm * bpdRe - rmRe * bpdIm) / bpdNorm;
    // e = exp(-d t)
    double decay = Math.exp(-dRe * t);
    double eRe = decay * Math.cos(dIm * t);
    double eIm = -decay * Math.sin(dIm * t);
    // 1 - g e, 1 - e, 1 - g
    double geRe = gRe * eRe - gIm * eIm;
    double geIm = gRe * eIm + gIm * eRe;
    double denRe = 1 - geRe;
    double denIm = -geIm;
    double denNorm = denRe * denRe + denIm * denIm;
    // D = rMinus (1 - e) / (1 - g e)
    double numRe = rmRe * (1 - eRe) + rmIm * eIm;
    double numIm = rmIm * (1 - eRe) - rmRe * eIm;
    double bigDRe = (numRe * denRe + numIm * denIm) / denNorm;
    double bigDIm = (numIm * denRe - numRe * denIm) / denNorm;
    // log((1 - g e) / (1 - g))
    double omgRe = 1 - gRe;
    double omgIm = -gIm;
    double omgNorm = omgRe * omgRe + omgIm * omgIm;
    double qRe = (denRe * omgRe + denIm * omgIm) / omgNorm;
    double qIm = (denIm * omgRe - denRe * omgIm) / omgNorm;
    double logRe = 0.5 * Math.log(qRe * qRe + qIm * qIm);
    double logIm = Math.atan2(qIm, qRe);
    // C = kappa (rMinus t - 2 / sigma^2 log(...))
    double bigCRe = kappa * (rmRe * t - 2 * logRe / s2);
    double bigCIm = kappa * (rmIm * t - 2 * logIm / s2);
    // Re[exp(i u x + theta C + v0 D)]
    double expRe = p.theta() * bigCRe + p.v0() * bigDRe;
    double expIm = u * x + p.theta() * bigCIm + p.v0() * bigDIm;
    return Math.exp(expRe) * Math.cos(expIm) / a;
  }

  /** The price of a European call struck at {@code strike}, {@code t} years to expiry. */
  @Differentiable
  public static double call(HestonParams p, double spot, double strike, double rate,
      double dividend, double t) {
    double x = Math.log(spot / strike) + (rate - dividend) * t;
    double integral = 0;
    for (int k = 0; k < NODES.length; k++) {
      integral += WEIGHTS[k] * integrand(p, NODES[k], x, t);
    }
    return spot * Math.exp(-dividend * t)
        - Math.sqrt(spot * strike) * Math.exp(-0.5 * (rate + dividend) * t) / Math.PI * integral;
  }

  /** The calibration's objective: half the sum of squared pricing errors. */
  @Differentiable
  public static double loss(HestonParams p, @NoDerivative Quotes quotes) {
    double sum = 0;
    for (int i = 0; i < quotes.strikes().length; i++) {
      double model = call(p, quotes.spot(), quotes.strikes()[i], quotes.rate(),
          quotes.dividend(), quotes.maturities()[i]);
      double error = model - quotes.prices()[i];
      sum += error * error;
    }
    return 0.5 * sum;
  }

  /** The pricing errors one by one, for Levenberg–Marquardt: its Jacobian is generated. */
  @Differentiable
  public static void residuals(HestonParams p, @NoDerivative Quotes quotes,
      @Out double[] r) {
    for (int i = 0; i < r.length; i++) {
      r[i] = call(p, quotes.spot(), quotes.strikes()[i], quotes.rate(), quotes.dividend(),
          quotes.maturities()[i]) - quotes.prices()[i];
    }
  }
}
