package dev.tapeless.it.models;

import dev.tapeless.Differentiable;

/**
 * A damped oscillator as a record whose instance method integrates it: the record's
 * components are the inputs, read by name inside its own method.
 */
public record Oscillator(double stiffness, double damping, double mass) {

  /** Position after {@code steps} explicit steps from {@code x0} at rest. */
  @Differentiable
  public double position(double x0, int steps, double dt) {
    double x = x0;
    double v = 0;
    for (int s = 0; s < steps; s++) {
      double a = -(stiffness * x + damping * v) / mass;
      v += a * dt;
      x += v * dt;
    }
    return x;
  }

  /** Squared distance from {@code target} after the run. */
  @Differentiable
  public double miss(double x0, int steps, double dt, double target) {
    double e = position(x0, steps, dt) - target;
    return e * e;
  }
}
