package dev.tapeless.it.helpers;

import dev.tapeless.Differentiable;

/**
 * {@link Helpers#layer} written with private helpers, as Java people write them: the gradient
 * class cannot call them, so their bodies are copied in, in every mode.
 */
public final class PrivateHelpers {
  private PrivateHelpers() {}

  private static final double SHARPNESS = 1.0;

  private static double logistic(double z) {
    return 1 / (1 + Math.exp(-SHARPNESS * z));
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** A private helper calling another. */
  private static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  /** Called only with a constant: copied all the same, since it cannot be called. */
  private static double weight(int k) {
    return 0.5 * k;
  }

  @Differentiable
  public static double layer(double[][] w, double[] b, double[] x) {
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      double z = dot(w[i], x) + b[i];
      s += logistic(z) * z;
    }
    return s + weight(2) * 0.1 * norm(x);
  }

  /**
   * Private helpers inside conditions: evaluated into a temporary just before the statement,
   * then copied.
   */
  @Differentiable
  public static double guarded(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      if (logistic(x[i]) > 0.5) {
        s += logistic(x[i]) * x[i];
      }
    }
    return s + (norm(x) > 1 ? norm(x) : 1);
  }

  /** {@link #guarded} through annotated methods. */
  @Differentiable
  public static double guardedAnnotated(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      if (AnnotatedMath.logistic(x[i]) > 0.5) {
        s += AnnotatedMath.logistic(x[i]) * x[i];
      }
    }
    return s + (AnnotatedMath.norm(x) > 1 ? AnnotatedMath.norm(x) : 1);
  }

  /** A smooth maximum of {@code a} at inverse temperature {@code t}, with an array local. */
  private static double smoothMax(double[] a, double t) {
    double[] e = new double[a.length];
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      e[i] = Math.exp(a[i] * t);
      s += e[i];
    }
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m += a[i] * e[i] / s;
    }
    return m;
  }

  @Differentiable
  static double smoothMaxAnnotated(double[] a, double t) {
    double[] e = new double[a.length];
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      e[i] = Math.exp(a[i] * t);
      s += e[i];
    }
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m += a[i] * e[i] / s;
    }
    return m;
  }

  /** A helper with an array local called in a loop: its array is created in the loop. */
  @Differentiable
  public static double annealed(double[] a) {
    double r = 0;
    for (int k = 1; k <= 3; k++) {
      r += smoothMax(a, k * 0.5) * k;
    }
    return r;
  }

  /** {@link #annealed} through the annotated twin. */
  @Differentiable
  public static double annealedAnnotated(double[] a) {
    double r = 0;
    for (int k = 1; k <= 3; k++) {
      r += smoothMaxAnnotated(a, k * 0.5) * k;
    }
    return r;
  }

  /** {@link #layer} called from another method: split mode over the copied helpers. */
  @Differentiable
  public static double twoLayers(double[][] w, double[] b, double[] x) {
    return layer(w, b, x) * layer(w, b, x) + x[0];
  }

  /** {@link #twoLayers} over the annotated twin. */
  @Differentiable
  public static double twoLayersAnnotated(double[][] w, double[] b, double[] x) {
    return Helpers.layerAnnotated(w, b, x) * Helpers.layerAnnotated(w, b, x) + x[0];
  }
}
