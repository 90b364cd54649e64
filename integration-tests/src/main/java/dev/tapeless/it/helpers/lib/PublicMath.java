package dev.tapeless.it.helpers.lib;

import dev.tapeless.Differentiable;

/** Public helpers, and their annotated twins, for callers in another package. */
public final class PublicMath {
  private PublicMath() {}

  /** A public table, read by the helper's copy in the caller's package. */
  public static final double[] SCALES = {1.0, 0.5};

  private static final double OFFSET = 0.25;

  public static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** Calls another public helper, reads the public table and a private constant. */
  public static double score(double[] w, double[] x, int k) {
    return Math.tanh(dot(w, x) * SCALES[k] + OFFSET);
  }

  @Differentiable
  public static double dotAnnotated(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @Differentiable
  public static double scoreAnnotated(double[] w, double[] x, int k) {
    return Math.tanh(dotAnnotated(w, x) * SCALES[k] + OFFSET);
  }
}
