package dev.tapeless.it.checkpointing;

import dev.tapeless.Checkpoint;
import dev.tapeless.Differentiable;
import dev.tapeless.Out;

/**
 * Loops with {@code @Checkpoint}, each beside a twin without it: the gradients must be
 * identical, since the checkpointed backward sweep runs the same arithmetic in the same order.
 */
public final class Checkpointed {
  private Checkpointed() {}

  /** A damped oscillator: scalar state, segments of the square root of the trip count. */
  @Differentiable
  public static double oscillator(double k, double c, double x0, int steps) {
    double x = x0;
    double v = 0;
    double dt = 1.0 / Math.max(1, steps);
    for (@Checkpoint int t = 0; t < steps; t++) {
      double a = -Math.exp(k) * dt * x - c * dt * v;
      v += a;
      x += v * dt;
    }
    return x * x + v;
  }

  /** {@link #oscillator} without checkpointing. */
  @Differentiable
  public static double oscillatorPlain(double k, double c, double x0, int steps) {
    double x = x0;
    double v = 0;
    double dt = 1.0 / Math.max(1, steps);
    for (int t = 0; t < steps; t++) {
      double a = -Math.exp(k) * dt * x - c * dt * v;
      v += a;
      x += v * dt;
    }
    return x * x + v;
  }

  /** {@link #oscillator} in segments of 7 iterations, counting down, with a branch. */
  @Differentiable
  public static double kinked(double k, double c, double x0, int steps) {
    double x = x0;
    double v = 0;
    double dt = 0.05;
    for (@Checkpoint(every = 7) int t = steps; t >= 1; t--) {
      double a = -k * x - c * v;
      if (x > 0) {
        a -= 0.1 * x * x;
      } else {
        a += 0.2 * Math.sin(x);
      }
      v = v + a * dt;
      x = x * 0.999 + v * dt + 0.001 * t;
    }
    return x * v + x;
  }

  /** {@link #kinked} without checkpointing. */
  @Differentiable
  public static double kinkedPlain(double k, double c, double x0, int steps) {
    double x = x0;
    double v = 0;
    double dt = 0.05;
    for (int t = steps; t >= 1; t--) {
      double a = -k * x - c * v;
      if (x > 0) {
        a -= 0.1 * x * x;
      } else {
        a += 0.2 * Math.sin(x);
      }
      v = v + a * dt;
      x = x * 0.999 + v * dt + 0.001 * t;
    }
    return x * v + x;
  }

  /**
   * An ODE in a state array updated in place by classical Runge-Kutta steps:
   * {@code x_i' = -p0 x_i + p1 sin(x_{i+1})}, cyclic.
   */
  @Differentiable
  public static double rk4(double[] p, double[] x0, int steps, double dt) {
    int n = x0.length;
    double[] x = new double[n];
    double[] k1 = new double[n];
    double[] k2 = new double[n];
    double[] k3 = new double[n];
    double[] k4 = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = x0[i];
    }
    for (@Checkpoint int t = 0; t < steps; t++) {
      for (int i = 0; i < n; i++) {
        k1[i] = -p[0] * x[i] + p[1] * Math.sin(x[(i + 1) % n]);
      }
      for (int i = 0; i < n; i++) {
        y[i] = x[i] + 0.5 * dt * k1[i];
      }
      for (int i = 0; i < n; i++) {
        k2[i] = -p[0] * y[i] + p[1] * Math.sin(y[(i + 1) % n]);
      }
      for (int i = 0; i < n; i++) {
        y[i] = x[i] + 0.5 * dt * k2[i];
      }
      for (int i = 0; i < n; i++) {
        k3[i] = -p[0] * y[i] + p[1] * Math.sin(y[(i + 1) % n]);
      }
      for (int i = 0; i < n; i++) {
        y[i] = x[i] + dt * k3[i];
      }
      for (int i = 0; i < n; i++) {
        k4[i] = -p[0] * y[i] + p[1] * Math.sin(y[(i + 1) % n]);
      }
      for (int i = 0; i < n; i++) {
        x[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
      }
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += x[i] * x[i];
    }
    return s;
  }

  /** {@link #rk4} without checkpointing. */
  @Differentiable
  public static double rk4Plain(double[] p, double[] x0, int steps, double dt) {
    int n = x0.length;
    double[] x = new double[n];
    double[] k1 = new double[n];
    double[] k2 = new double[n];
    double[] k3 = new double[n];
    double[] k4 = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = x0[i];
    }
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < n; i++) {
        k1[i] = -p[0] * x[i] + p[1] * Math.sin(x[(i + 1) % n]);
      }
      for (int i = 0; i < n; i++) {
        y[i] = x[i] + 0.5 * dt * k1[i];
      }
      for (int i = 0; i < n; i++) {
        k2[i] = -p[0] * y[i] + p[1] * Math.sin(y[(i + 1) % n]);
      }
      for (int i = 0; i < n; i++) {
        y[i] = x[i] + 0.5 * dt * k2[i];
      }
      for (int i = 0; i < n; i++) {
        k3[i] = -p[0] * y[i] + p[1] * Math.sin(y[(i + 1) % n]);
      }
      for (int i = 0; i < n; i++) {
        y[i] = x[i] + dt * k3[i];
      }
      for (int i = 0; i < n; i++) {
        k4[i] = -p[0] * y[i] + p[1] * Math.sin(y[(i + 1) % n]);
      }
      for (int i = 0; i < n; i++) {
        x[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
      }
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += x[i] * x[i];
    }
    return s;
  }

  /**
   * A gated recurrent cell over a sequence, its hidden and cell states in arrays rolled in
   * place: the state carried from step to step is {@code h} and {@code c}.
   */
  @Differentiable
  public static double recurrent(double[][] w, double[] u, double[] inputs, int steps) {
    int n = u.length;
    double[] h = new double[n];
    double[] hNext = new double[n];
    double[] c = new double[n];
    for (@Checkpoint(every = 5) int t = 0; t <= steps - 1; t++) {
      double input = inputs[t % inputs.length];
      for (int i = 0; i < n; i++) {
        double z = u[i] * input;
        for (int j = 0; j < n; j++) {
          z += w[i][j] * h[j];
        }
        double gate = 1 / (1 + Math.exp(-z));
        c[i] = gate * c[i] + (1 - gate) * Math.tanh(z);
        hNext[i] = Math.tanh(c[i]);
      }
      for (int i = 0; i < n; i++) {
        h[i] = hNext[i];
      }
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += h[i] * (i + 1);
    }
    return s;
  }

  /** {@link #recurrent} without checkpointing. */
  @Differentiable
  public static double recurrentPlain(double[][] w, double[] u, double[] inputs, int steps) {
    int n = u.length;
    double[] h = new double[n];
    double[] hNext = new double[n];
    double[] c = new double[n];
    for (int t = 0; t <= steps - 1; t++) {
      double input = inputs[t % inputs.length];
      for (int i = 0; i < n; i++) {
        double z = u[i] * input;
        for (int j = 0; j < n; j++) {
          z += w[i][j] * h[j];
        }
        double gate = 1 / (1 + Math.exp(-z));
        c[i] = gate * c[i] + (1 - gate) * Math.tanh(z);
        hNext[i] = Math.tanh(c[i]);
      }
      for (int i = 0; i < n; i++) {
        h[i] = hNext[i];
      }
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += h[i] * (i + 1);
    }
    return s;
  }

  /** One step of a scalar map, a method of its own: called in split mode by the loops below. */
  @Differentiable
  public static double step(double x, double r) {
    return r * x * (1 - x) + 0.01 * Math.sin(x);
  }

  /** A loop calling another {@code @Differentiable} method, whose sweeps run in split mode. */
  @Differentiable
  public static double logistic(double r, double x0, int steps) {
    double x = x0;
    double sum = 0;
    for (@Checkpoint int t = 0; t < steps; t++) {
      x = step(x, r);
      sum += x;
    }
    return sum / Math.max(1, steps) + x;
  }

  /** {@link #logistic} without checkpointing. */
  @Differentiable
  public static double logisticPlain(double r, double x0, int steps) {
    double x = x0;
    double sum = 0;
    for (int t = 0; t < steps; t++) {
      x = step(x, r);
      sum += x;
    }
    return sum / Math.max(1, steps) + x;
  }

  /**
   * Calls {@link #logistic}, whose checkpointed loop then runs in split mode, twice, with
   * work before and after that overwrites what the calls read.
   */
  @Differentiable
  public static double twice(double r, double x0, int steps) {
    double a = logistic(r, x0, steps);
    double x = x0 * 0.5;
    double b = logistic(r * 0.9, x, steps);
    x = a * b;
    return x + a;
  }

  /** {@link #twice} over the uncheckpointed twin. */
  @Differentiable
  public static double twicePlain(double r, double x0, int steps) {
    double a = logisticPlain(r, x0, steps);
    double x = x0 * 0.5;
    double b = logisticPlain(r * 0.9, x, steps);
    x = a * b;
    return x + a;
  }

  /**
   * A checkpointed loop between code that writes what it reads: the step size is changed after
   * the loop, and a parameter is overwritten before it.
   */
  @Differentiable
  public static double between(double k, double x0, int steps) {
    double dt = 0.1;
    double x = x0;
    k = k * k;
    for (@Checkpoint(every = 3) int t = 0; t < steps; t++) {
      x = x - dt * k * Math.sin(x);
    }
    dt = x * 2;
    k = k + dt;
    return x * k;
  }

  /** {@link #between} without checkpointing. */
  @Differentiable
  public static double betweenPlain(double k, double x0, int steps) {
    double dt = 0.1;
    double x = x0;
    k = k * k;
    for (int t = 0; t < steps; t++) {
      x = x - dt * k * Math.sin(x);
    }
    dt = x * 2;
    k = k + dt;
    return x * k;
  }

  /** Float state, and a {@code continue} that skips every third step. */
  @Differentiable
  public static float skipping(float k, float x0, int steps) {
    float x = x0;
    float v = 0.5f;
    for (@Checkpoint(every = 4) int t = 0; t < steps; t++) {
      if (t % 3 == 2) {
        continue;
      }
      v = v - 0.05f * k * x;
      x = x + 0.05f * v * (float) Math.cos(x);
    }
    return x * v;
  }

  /** {@link #skipping} without checkpointing. */
  @Differentiable
  public static float skippingPlain(float k, float x0, int steps) {
    float x = x0;
    float v = 0.5f;
    for (int t = 0; t < steps; t++) {
      if (t % 3 == 2) {
        continue;
      }
      v = v - 0.05f * k * x;
      x = x + 0.05f * v * (float) Math.cos(x);
    }
    return x * v;
  }

  /**
   * A trajectory written to an {@code @Out} array inside the checkpointed loop: the backward
   * sweep runs each segment again, writing the array, and the caller must still get the
   * forward values (the random tester found them left at the last replayed segment's).
   */
  @Differentiable
  public static double trajectory(double k, double x0, @Out double[] xs) {
    double x = x0;
    for (@Checkpoint(every = 3) int t = 0; t < xs.length; t++) {
      x = x + 0.1 * Math.sin(k * x);
      xs[t] = x * x;
    }
    return x;
  }

  /** {@link #trajectory} without checkpointing. */
  @Differentiable
  public static double trajectoryPlain(double k, double x0, @Out double[] xs) {
    double x = x0;
    for (int t = 0; t < xs.length; t++) {
      x = x + 0.1 * Math.sin(k * x);
      xs[t] = x * x;
    }
    return x;
  }

  /**
   * Calls {@link #trajectory} on an array whose earlier contents an earlier statement read:
   * the callee's backward sweep must hand the array back as it was before the call.
   */
  @Differentiable
  public static double trajectoryCaller(double k, double x0, int n) {
    double[] xs = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = k * (i + 1);
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += xs[i] * xs[i];
    }
    double end = trajectory(k, x0, xs);
    for (int i = 0; i < n; i++) {
      s += xs[i];
    }
    return s + end;
  }

  /** {@link #trajectoryCaller} calling {@link #trajectoryPlain}. */
  @Differentiable
  public static double trajectoryCallerPlain(double k, double x0, int n) {
    double[] xs = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = k * (i + 1);
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += xs[i] * xs[i];
    }
    double end = trajectoryPlain(k, x0, xs);
    for (int i = 0; i < n; i++) {
      s += xs[i];
    }
    return s + end;
  }
}
