package dev.tapeless.it.kernels;

import dev.tapeless.CustomDerivative;
import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import dev.tapeless.Out;

/** Linear kernels with a pullback only, and a method using them inside nonlinear code. */
public final class LinearKernels {
  private LinearKernels() {}

  /** The running sum {@code y[i] = x[0] + ... + x[i]}. */
  @CustomDerivative(value = "cumsumPullback", linear = true)
  public static void cumsum(double[] x, @Out double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i];
      y[i] = s;
    }
  }

  /** Its transpose: {@code dx[i] += dy[i] + ... + dy[n-1]}; the overwritten {@code y} gets 0. */
  public static void cumsumPullback(double[] x, double[] y, double[] dy, double[] dx) {
    double s = 0;
    for (int i = x.length - 1; i >= 0; i--) {
      s += dy[i];
      dy[i] = 0;
      dx[i] += s;
    }
  }

  /** {@code w · x} with fixed weights: linear in {@code x}. */
  @CustomDerivative(value = "weightedSumPullback", linear = true)
  public static double weightedSum(@NoDerivative double[] w, double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += w[i] * x[i];
    }
    return s;
  }

  public static void weightedSumPullback(double[] w, double[] x, double dResult, double[] dx) {
    for (int i = 0; i < x.length; i++) {
      dx[i] += dResult * w[i];
    }
  }

  /** {@code 2a - 3b}: linear in two scalars, whose adjoints go to {@code dScalars}. */
  @CustomDerivative(value = "combinationPullback", linear = true)
  public static double combination(double a, double b) {
    return 2 * a - 3 * b;
  }

  public static void combinationPullback(double a, double b, double dResult, double[] dScalars) {
    dScalars[0] += 2 * dResult;
    dScalars[1] -= 3 * dResult;
  }

  /** Nonlinear around the kernels, so that second order sees them inside curvature. */
  @Differentiable
  public static double model(double[] x, double a, @NoDerivative double[] w) {
    double[] running = new double[x.length];
    cumsum(x, running);
    double s = 0;
    for (int i = 0; i < running.length; i++) {
      s += Math.sin(running[i]) * running[i];
    }
    double c = combination(a, x[0]);
    return s * weightedSum(w, running) + c * c * a;
  }
}
