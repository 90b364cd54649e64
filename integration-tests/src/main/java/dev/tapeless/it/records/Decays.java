package dev.tapeless.it.records;

import dev.tapeless.Differentiable;

/**
 * An exponential decay fitted to points, with the curve's parameters in a record; the float
 * version differentiates a float record. Both have closed-form Hipparchus twins in the tests.
 */
public final class Decays {
  private Decays() {}

  /** {@code y = amplitude * exp(-rate * t) + offset}. */
  public record Curve(double amplitude, double rate, double offset) {}

  /** The float curve, with an integer count that is not differentiated. */
  public record FloatCurve(float amplitude, float rate, float offset, int terms) {}

  /** Sum of squared residuals of the curve at times {@code t} against {@code y}. */
  @Differentiable
  public static double fit(Curve c, double[] t, double[] y) {
    double sum = 0;
    for (int i = 0; i < t.length; i++) {
      double r = c.amplitude() * Math.exp(-c.rate() * t[i]) + c.offset() - y[i];
      sum += r * r;
    }
    return sum;
  }

  /** The float fit, the last {@code terms} points weighted twice. */
  @Differentiable
  public static float fitFloat(FloatCurve c, float[] t, float[] y) {
    float sum = 0f;
    for (int i = 0; i < t.length; i++) {
      float r = c.amplitude() * (float) Math.exp(-c.rate() * t[i]) + c.offset() - y[i];
      float w = i >= t.length - c.terms() ? 2f : 1f;
      sum += w * r * r;
    }
    return sum;
  }

  /** Only the curve is differentiated: {@code wrt} names the record. */
  @Differentiable(wrt = "c")
  public static double fitCurveOnly(Curve c, double[] t, double[] y) {
    return fit(c, t, y);
  }
}
