package dev.tapeless.it.helpers;

import dev.tapeless.Differentiable;

/** A helper given a record parameter of its caller, reading its components. */
public final class RecordHelpers {
  private RecordHelpers() {}

  /** Mean reversion: speed {@code kappa} towards {@code theta}. */
  public record Reversion(double kappa, double theta) {}

  static double drift(Reversion p, double x) {
    return p.kappa() * (p.theta() - x);
  }

  @Differentiable
  static double driftAnnotated(Reversion p, double x) {
    return p.kappa() * (p.theta() - x);
  }

  /** Euler steps of {@code dx = kappa (theta - x) dt}, through the helper. */
  @Differentiable
  public static double path(Reversion p, double x0, int steps, double dt) {
    double x = x0;
    for (int s = 0; s < steps; s++) {
      x += drift(p, x) * dt;
    }
    return x * x;
  }

  /** {@link #path} through the annotated twin. */
  @Differentiable
  public static double pathAnnotated(Reversion p, double x0, int steps, double dt) {
    double x = x0;
    for (int s = 0; s < steps; s++) {
      x += driftAnnotated(p, x) * dt;
    }
    return x * x;
  }
}
