package dev.tapeless.it.helpers;

import dev.tapeless.Differentiable;

/** The helpers {@link Helpers#layer} uses, annotated: the twin it must agree with exactly. */
public final class AnnotatedMath {
  private AnnotatedMath() {}

  @Differentiable
  public static double logistic(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  @Differentiable
  public static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @Differentiable
  public static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }
}
