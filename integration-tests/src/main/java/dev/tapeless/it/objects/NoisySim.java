package dev.tapeless.it.objects;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * A model class whose {@code @NoDerivative} fields hold objects: a {@code Random}, a
 * {@code SplittableRandom} and a counting source (a value class, an object when marked so). Its
 * instance methods call them as they would call {@code @NoDerivative} object parameters: the
 * draws are constants to the derivative and every frame entry point draws what the plain method
 * draws. The objects are not inputs: no gradient field, no place in {@code parameters}.
 */
public final class NoisySim {
  double[] w;
  double scale;
  @NoDerivative Random rng;
  @NoDerivative SplittableRandom split;
  @NoDerivative CountingSource src;
  /** Not an input and never read. */
  final String name = "sim";

  public NoisySim(double[] w, double scale, Random rng, SplittableRandom split,
      CountingSource src) {
    this.w = w;
    this.scale = scale;
    this.rng = rng;
    this.split = split;
    this.src = src;
  }

  /**
   * Draws in a loop, an index drawn into a local, a draw of each field's object, a branch on a
   * draw, a call of another instance method (which draws too) and of a static method given the
   * field's object.
   */
  @Differentiable
  public double loss(double[] x) {
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      double e = rng.nextGaussian();
      double r = w[i] * x[i] + 0.1 * e;
      s += r * r * scale;
    }
    int k = this.rng.nextInt(w.length);
    s += Math.sin(w[k] * x[k]) * split.nextDouble();
    if (rng.nextBoolean()) {
      s += noise(x);
    }
    return s + Draws.shock(w[0] * scale, rng) + src.scale * w[1];
  }

  /** Called on the same object: its draws come from the same fields. */
  @Differentiable
  public double noise(double[] x) {
    return w[0] * x[0] * this.rng.nextGaussian() + src.next() * scale * scale;
  }
}
