package dev.tapeless.it.valueclasses;

import dev.tapeless.Differentiable;

/**
 * A small pricing model written the way Java code without records is: final classes with
 * fields, one nested in another, one holding a record and an array, passed whole to another
 * {@code @Differentiable} method.
 */
public final class Pricing {
  private Pricing() {}

  /** A discount curve: flat rate plus a slope. */
  public record Curve(double rate, double slope) {}

  /** Volatility parameters, with a term structure of bumps. */
  public static final class Vol {
    public double level;
    public double skew;
    public double[] bumps;

    public Vol(double level, double skew, double[] bumps) {
      this.level = level;
      this.skew = skew;
      this.bumps = bumps;
    }
  }

  /** The model: a volatility, a curve and a spot. */
  public static final class Model {
    public final Vol vol;
    public final Curve curve;
    public double spot;

    public Model(Vol vol, Curve curve, double spot) {
      this.vol = vol;
      this.curve = curve;
      this.spot = spot;
    }
  }

  /** The volatility at maturity {@code t} and log-moneyness {@code k}. */
  @Differentiable
  public static double vol(Vol v, double t, double k) {
    double bump = 0;
    for (int i = 0; i < v.bumps.length; i++) {
      bump += v.bumps[i] * Math.exp(-(t - i) * (t - i));
    }
    return v.level + v.skew * k + bump;
  }

  /** A smooth stand-in for a price: forward, discount and a Gaussian in the volatility. */
  @Differentiable
  public static double price(Model m, double t, double strike) {
    double df = Math.exp(-(m.curve.rate() + m.curve.slope() * t) * t);
    double k = Math.log(strike / m.spot);
    double sigma = vol(m.vol, t, k);
    double w = sigma * sigma * t;
    return df * (m.spot * Math.exp(-k * k / (2 * w)) * Math.sqrt(w) + strike * 0.01);
  }

  /** Squared pricing errors over a few quotes: the model passed whole in a loop. */
  @Differentiable
  public static double error(Model m, double[] maturities, double[] strikes, double[] quotes) {
    double sum = 0;
    for (int q = 0; q < quotes.length; q++) {
      double e = price(m, maturities[q], strikes[q]) - quotes[q];
      sum += e * e;
    }
    return 0.5 * sum;
  }
}
