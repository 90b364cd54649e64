package dev.tapeless.it.checkpointing;

import dev.tapeless.Checkpoint;
import dev.tapeless.Differentiable;

/**
 * A model object whose instance methods step a state array in place: the fields are inputs,
 * and the checkpointed loop reads them on its second run as on its first.
 */
public final class Damper {
  final double[] gains;
  final double rate;

  public Damper(double[] gains, double rate) {
    this.gains = gains;
    this.rate = rate;
  }

  /** {@code steps} damped updates of {@code x}, copied into a state array first. */
  @Differentiable
  public double settle(double[] x0, int steps) {
    int n = x0.length;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = x0[i];
    }
    for (@Checkpoint int t = 0; t < steps; t++) {
      for (int i = 0; i < n; i++) {
        x[i] = x[i] - rate * gains[i] * Math.tanh(x[i]) + 0.01 * x[(i + 1) % n];
      }
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += x[i] * gains[i];
    }
    return s;
  }

  /** {@link #settle} without checkpointing. */
  @Differentiable
  public double settlePlain(double[] x0, int steps) {
    int n = x0.length;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = x0[i];
    }
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < n; i++) {
        x[i] = x[i] - rate * gains[i] * Math.tanh(x[i]) + 0.01 * x[(i + 1) % n];
      }
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += x[i] * gains[i];
    }
    return s;
  }
}
