package dev.tapeless.it.records;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import dev.tapeless.runtime.Special;

/**
 * A volatility-surface calibration written the way a quant writes it: a parameter record with
 * a nested shape record, and the market data in a record of arrays that is not differentiated.
 */
public final class Surfaces {
  private Surfaces() {}

  /** The smile's shape: volatility moves with log-moneyness m by skew * m + smile * m^2. */
  public record Shape(double skew, double smile) {}

  /** The surface: an at-the-money level decaying over maturity towards a long-run level. */
  public record Surface(double level, double longRun, double decay, Shape shape) {}

  /** Quotes of calls on one underlying. */
  public record Market(double spot, double rate, double[] strikes, double[] years,
      double[] prices) {}

  /** The model volatility at log-moneyness {@code m} and maturity {@code t}. */
  @Differentiable
  public static double volatility(Surface s, double m, double t) {
    double weight = Math.exp(-s.decay() * t);
    double atm = s.longRun() + (s.level() - s.longRun()) * weight;
    return atm + s.shape().skew() * m + s.shape().smile() * m * m;
  }

  /** Black–Scholes call price. */
  @Differentiable
  public static double call(double spot, double strike, double rate, double sigma,
      double years) {
    double root = Math.sqrt(years);
    double d1 = (Math.log(spot / strike) + (rate + 0.5 * sigma * sigma) * years)
        / (sigma * root);
    double d2 = d1 - sigma * root;
    return spot * Special.normalCdf(d1)
        - strike * Math.exp(-rate * years) * Special.normalCdf(d2);
  }

  /** Sum of squared pricing errors: the calibration's objective. */
  @Differentiable
  public static double loss(Surface s, @NoDerivative Market market) {
    double sum = 0;
    for (int i = 0; i < market.strikes().length; i++) {
      double m = Math.log(market.strikes()[i] / market.spot());
      double sigma = volatility(s, m, market.years()[i]);
      double error = call(market.spot(), market.strikes()[i], market.rate(), sigma,
          market.years()[i]) - market.prices()[i];
      sum += error * error;
    }
    return sum;
  }
}
