package dev.tapeless.it.arrays;

import dev.tapeless.Differentiable;

/**
 * A damped oscillator stepped many times, written twice: with the step's constants computed
 * inside the loop, as people write it, and hoisted before it. The backward sweep needs the
 * same saved values for both, since a value the loop never changes is not saved per step.
 */
public final class LongLoops {
  private LongLoops() {}

  /** Constants computed in the loop body. */
  @Differentiable
  public static double oscillator(double k, double c, double x0, int steps) {
    double x = x0;
    double v = 0;
    double dt = 1.0 / steps;
    for (int t = 0; t < steps; t++) {
      double damping = c * dt;
      double stiffness = Math.exp(k) * dt;
      double a = -stiffness * x - damping * v;
      v += a;
      x += v * dt;
    }
    return x * x + v;
  }

  /** The same, with the constants hoisted by hand. */
  @Differentiable
  public static double oscillatorHoisted(double k, double c, double x0, int steps) {
    double x = x0;
    double v = 0;
    double dt = 1.0 / steps;
    double damping = c * dt;
    double stiffness = Math.exp(k) * dt;
    for (int t = 0; t < steps; t++) {
      double a = -stiffness * x - damping * v;
      v += a;
      x += v * dt;
    }
    return x * x + v;
  }
}
