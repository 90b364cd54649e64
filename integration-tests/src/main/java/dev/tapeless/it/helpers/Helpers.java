package dev.tapeless.it.helpers;

import dev.tapeless.Differentiable;
import dev.tapeless.Out;
import dev.tapeless.runtime.Linear;

/** {@code @Differentiable} methods whose work is done by helpers without the annotation. */
public final class Helpers {
  private Helpers() {}

  static double sq(double a) {
    return a * a;
  }

  /** A helper of this class calling another. */
  static double cube(double a) {
    return a * sq(a);
  }

  @Differentiable
  public static double useHelper(double x) {
    return sq(x) + x;
  }

  /** Scalar helpers of this class and of {@link HelperMath}, a chain, a constant call. */
  @Differentiable
  public static double scalar(double x, double y) {
    double s = sq(x) + cube(y) * HelperMath.logistic(x * y);
    return s + HelperMath.softplus(x - y) * HelperMath.weight(3);
  }

  /** Helpers given rows {@code W[i]} inside a loop, and an array helper calling another. */
  @Differentiable
  public static double layer(double[][] w, double[] b, double[] x) {
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      double z = HelperMath.dot(w[i], x) + b[i];
      s += HelperMath.logistic(z) * z;
    }
    return s + 0.1 * HelperMath.norm(x);
  }

  /** {@link #layer} through annotated methods: the same gradient, bit for bit. */
  @Differentiable
  public static double layerAnnotated(double[][] w, double[] b, double[] x) {
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      double z = AnnotatedMath.dot(w[i], x) + b[i];
      s += AnnotatedMath.logistic(z) * z;
    }
    return s + 0.1 * AnnotatedMath.norm(x);
  }

  /** A helper writing its {@code @Out} argument, called twice on the caller's output. */
  @Differentiable
  public static void affine(double a, double[] x, @Out double[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] = Math.sin(x[i]);
    }
    HelperMath.axpy(a, x, y);
    HelperMath.axpy(a * a, x, y);
  }

  /** A helper that returns from inside a loop, and one of this class given an element. */
  @Differentiable
  public static double early(double[] a) {
    return HelperMath.firstAboveSquared(a, 0.5) + sq(a[0]) * a[1];
  }

  /**
   * A helper given a differentiated array inside an integer cast: a plain call (its result
   * carries no derivative, and it writes no array), as an annotated method would be.
   */
  @Differentiable
  public static double indexedByHelper(double[] w) {
    int k = (int) (10 * HelperMath.norm(w));
    return w[k % w.length] * HelperMath.dot(w, w);
  }

  static float fsq(float a) {
    return a * a;
  }

  /** A float helper, and a double helper given a float (widened as Java does). */
  @Differentiable
  public static float floats(float x) {
    return (float) sq(x) * 0.5f + fsq(x) * x;
  }

  /** A helper calling a runtime kernel and an annotated method. */
  static double kernelAndAnnotated(double[] a, double[] b) {
    return Linear.dot(a, b) * AnnotatedMath.logistic(a[0]);
  }

  @Differentiable
  public static double throughKernels(double[] a, double[] b) {
    return kernelAndAnnotated(a, b) + sq(b[1]);
  }

  /**
   * A void helper writing its {@code @Out} array from a scalar, the array read afterwards: the
   * derivative flows through the array alone (it was a silent zero with only TL012, random
   * tester seed 2324).
   */
  @Differentiable
  public static double throughOutArray(double b) {
    double[] t = new double[2];
    fillSquares(t, b % 2.5);
    return t[0] + 3 * t[1];
  }

  static void fillSquares(@Out double[] res, double y) {
    double v = y * y;
    for (int i = 0; i < res.length; i++) {
      res[i] = v * (i + 1);
    }
  }
}
