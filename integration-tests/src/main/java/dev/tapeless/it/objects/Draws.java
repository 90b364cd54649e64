package dev.tapeless.it.objects;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Methods that draw from an object passed as a {@code @NoDerivative} parameter. Each draw is a
 * constant to the derivative; the frames must draw exactly what the plain method draws.
 */
public final class Draws {
  private Draws() {}

  /** The example: a scalar times a Gaussian draw. */
  @Differentiable
  public static double noisy(double x, @NoDerivative Random rng) {
    return x * rng.nextGaussian();
  }

  /**
   * A noisy quadratic with draws in a loop, in a branch condition, as an index (read into a
   * local first), whose result is unused, and through a callee that takes the same object.
   */
  @Differentiable
  public static double walk(double[] w, double s, @NoDerivative Random rng, int steps) {
    double sum = 0;
    for (int t = 0; t < steps; t++) {
      int k = rng.nextInt(w.length);
      double e = rng.nextGaussian();
      rng.nextDouble(); // drawn and thrown away: the count still matters
      if (rng.nextBoolean()) {
        sum += Math.sin(w[k] * s + e) * w[k];
      } else {
        sum += shock(w[k], rng) * s;
      }
    }
    return sum;
  }

  /** A callee that draws too; reached in split mode from {@link #walk}. */
  @Differentiable
  public static double shock(double v, @NoDerivative Random rng) {
    double z = rng.nextGaussian();
    return v * v * Math.exp(0.1 * z) + z * v;
  }

  /**
   * Every form against a counting object: a draw per loop turn, a draw deciding the trip count
   * of a while loop and of a for loop, an index drawn, a flip in a condition, draws stored
   * into an array, a call for its effect, a value nobody reads, a field read.
   */
  @Differentiable
  public static double counted(double[] w, double a, @NoDerivative CountingSource src) {
    double[] h = new double[3];
    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      sum += w[i] * w[i] * src.next() * src.scale;
    }
    h[0] = src.next(); // draws stored into an array the derivative flows through
    h[1] = a * h[0];
    h[2] += src.next() * a;
    sum += h[1] * h[2];
    src.tick();
    double unused = src.next(); // a value nothing reads: the call still counts
    int turns = 0;
    while (src.next() < 0.5 && turns < 5) {
      int k = src.nextIndex(w.length);
      double y = src.nextFlip() ? a * w[k] : Math.exp(a * 0.1) * src.next();
      sum += y * y;
      turns++;
    }
    for (int j = 0; j < 1 + src.nextIndex(3); j++) {
      sum += a * w[j] * src.next();
    }
    return sum + a * a * a + counter(a, src);
  }

  /** A callee taking the same counting object. */
  @Differentiable
  public static double counter(double a, @NoDerivative CountingSource src) {
    return Math.sin(a * src.next());
  }

  /** A discounted payoff over the market's steps, read through its fields and methods. */
  @Differentiable
  public static double price(double spot, double vol, @NoDerivative Market m) {
    double total = 0;
    for (int i = 0; i < m.steps; i++) {
      double f = spot * m.forward(i) * Math.exp(-0.5 * vol * vol * (i + 1));
      total += f * m.discount(i + 1.0);
    }
    return total * m.rate;
  }

  /** A SplittableRandom works the same way. */
  @Differentiable
  public static double splittable(double x, double y, @NoDerivative SplittableRandom rng) {
    double u = rng.nextDouble();
    return x * x * u + Math.cos(y * rng.nextDouble(-1.0, 1.0));
  }

  /**
   * The object passed to a helper without {@code @Differentiable}, differentiated by inlining
   * inside a branch (found by the random tester: the split-mode state kept the inlined copy of
   * {@code rng} as an int, which did not compile).
   */
  @Differentiable
  public static double throughAHelper(double y, double[] w, @NoDerivative Random rng) {
    if (y * y > 0.01) {
      y += w[0] * plainNoise(w[1], y, rng);
    }
    return y * y + w[1];
  }

  /** Calls {@link #throughAHelper} in split mode. */
  @Differentiable
  public static double callsThroughAHelper(double y, double[] w, @NoDerivative Random rng) {
    return Math.sin(throughAHelper(y, w, rng)) + y * w[0];
  }

  static double plainNoise(double z, double b, @NoDerivative Random rng) {
    z /= 1.5 + Math.cos(b);
    double v = Math.cosh(Math.max(rng.nextInt(3), 4) * 0.1);
    for (int i = 0; i < (int) (2.5 + 2.0 * Math.tanh(-b)); i++) {
      z = Math.tan(Math.atan(rng.nextDouble())) * z + v;
    }
    return z * b;
  }
}
