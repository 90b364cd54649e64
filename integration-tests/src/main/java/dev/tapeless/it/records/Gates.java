package dev.tapeless.it.records;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import java.util.Random;

/**
 * A record passed whole to a {@code @Differentiable} method whose result only decides a branch
 * or an index ({@code level(k) > 0 ? ...}, {@code t[(int) level(k)]}): the call is computed
 * first over the record's components; the derivative flows through the branch taken.
 */
public final class Gates {
  private Gates() {}

  /** A gain and a bias. */
  public record Knob(double gain, double bias) {}

  /** A smooth function of the knob, the gate. */
  @Differentiable
  public static double level(Knob k) {
    return k.gain() * Math.sin(k.bias()) + 0.25 * k.gain() * k.gain();
  }

  /** The gate in a ternary's condition. */
  @Differentiable
  public static double gated(Knob k, double x) {
    return level(k) > 1 ? x * k.gain() + Math.exp(k.bias()) : 2 * x * x - k.bias();
  }

  /** The gate in an {@code if}, compared with a value the body computes. */
  @Differentiable
  public static double branched(Knob k, double x) {
    double s = x * x;
    if (level(k) * s < 2) {
      s += Math.cos(k.gain() * x);
    } else {
      s -= k.bias() * x;
    }
    return s;
  }

  /** The gate as an index, read and written. */
  @Differentiable
  public static double indexed(Knob k, double[] t) {
    double[] u = t.clone();
    u[(int) level(k)] *= k.bias();
    return t[(int) level(k)] * k.gain() + u[0] + u[u.length - 1];
  }

  /** The gate in a loop's condition, evaluated again in every iteration. */
  @Differentiable
  public static double looped(Knob k, double x) {
    double s = 0;
    int i = 0;
    while (i * level(k) < 6 && i < 50) {
      s += Math.sin(x * i) * k.gain();
      i++;
    }
    return s;
  }

  /**
   * The gate on the right of {@code &&} and in a branch of {@code ?:} inside a condition: it
   * runs only where Java runs it.
   */
  @Differentiable
  public static double shortCircuited(Knob k, double x) {
    if (x > 0 && level(k) > 1 || (x < -1 ? level(k) : x * x) > 2) {
      return x * k.gain();
    }
    return Math.sin(k.bias()) * x;
  }

  /** A model object whose method is gated by another of its methods, right of {@code &&}. */
  public static final class Meter {
    double gain;
    double[] w;

    public Meter(double gain, double[] w) {
      this.gain = gain;
      this.w = w;
    }

    /** A reading at {@code x}. */
    @Differentiable
    public double read(double x) {
      return gain * x + w[0];
    }

    /** No parameter: a function of the object's fields alone, gated by a reading. */
    @Differentiable
    public double offset() {
      return gain * w[0] + (read(0.5) > 1 ? w[1] : 0.0);
    }

    /** Logarithmic above a reading of 1 at positive {@code x}, linear elsewhere. */
    @Differentiable
    public double clipped(double x) {
      return x > 0 && read(x) > 1 ? 1 + Math.log(read(x)) : this.read(x) * w[1];
    }
  }

  /** The gate with a draw: the random source passed on is drawn from once per call. */
  @Differentiable
  public static double noisyLevel(Knob k, @NoDerivative Random rng) {
    return level(k) + 0.1 * rng.nextDouble();
  }

  /** A gate that draws, in a condition with no other draw. */
  @Differentiable
  public static double jittered(Knob k, double x, @NoDerivative Random rng) {
    return noisyLevel(k, rng) > 1 ? x * k.gain() : x + k.bias();
  }

  /** A record's instance method gated by another of its instance methods. */
  public record Spring(double stiffness, double rest) {
    /** Energy at extension {@code x}. */
    @Differentiable
    public double energy(double x) {
      double d = x - rest;
      return 0.5 * stiffness * d * d;
    }

    /** The energy, capped by a line once it passes 1. */
    @Differentiable
    public double capped(double x) {
      return energy(x) > 1 ? Math.sqrt(2 * energy(x)) : this.energy(x) + stiffness * 0.0;
    }
  }
}
