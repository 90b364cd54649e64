package dev.tapeless.it.helpers;

import dev.tapeless.Out;

/**
 * Plain helpers with no {@code @Differentiable}, in another class than their callers: scalar
 * functions, a chain of helpers, helpers over arrays and rows, one writing an {@code @Out}
 * argument, one returning from inside a loop.
 */
final class HelperMath {
  private HelperMath() {}

  static final double HALF = 0.5;

  static double logistic(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** log(1 + e^z) through another helper, and linear for large z. */
  static double softplus(double z) {
    return z > 30 ? z : log1pExp(z);
  }

  static double log1pExp(double z) {
    return Math.log1p(Math.exp(z));
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** A helper over arrays calling a helper over arrays. */
  static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  /** {@code y += a * x}. */
  static void axpy(double a, double[] x, @Out double[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] += a * x[i];
    }
  }

  /** The square of the first element above {@code t}: a return from inside a loop. */
  static double firstAboveSquared(double[] a, double t) {
    for (double v : a) {
      if (v > t) {
        return v * v;
      }
    }
    return 0;
  }

  /** Called with constants only: stays a plain call, never differentiated. */
  static double weight(int n) {
    return n * HALF;
  }
}
