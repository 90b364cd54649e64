package dev.tapeless.runtime.train;

import java.util.Arrays;
import java.util.Random;

/**
 * Weight initializers that draw from a caller's {@link Random}, so that a fixed seed gives the
 * same model every run. Arrays are filled in place, row-major.
 *
 * <p>Convention: a weight matrix is {@code W[out][in]}, as in {@code y = W x} (see {@link
 * dev.tapeless.runtime.Linear#matvec}); so {@code fanIn} is the number of columns,
 * {@code W[0].length}, and {@code fanOut} the number of rows, {@code W.length}. The scaled
 * initializers keep the variance of activations (He, for ReLU) or of activations and gradients
 * together (Xavier/Glorot, for tanh and sigmoid) about constant from layer to layer. They need a
 * non-empty rectangular matrix; anything else is an {@link IllegalArgumentException}.
 */
public final class Init {

  private Init() {}

  /**
   * Xavier/Glorot uniform: {@code U(−a, a)} with {@code a = sqrt(6 / (fanIn + fanOut))}, whose
   * variance is {@code 2 / (fanIn + fanOut)}.
   */
  public static void xavierUniform(double[][] W, Random rng) {
    int fanIn = fanIn("xavierUniform", W);
    double limit = Math.sqrt(6.0 / (fanIn + W.length));
    uniform(W, -limit, limit, rng);
  }

  /** He/Kaiming normal: {@code N(0, 2 / fanIn)}, i.e. standard deviation {@code sqrt(2/fanIn)}. */
  public static void heNormal(double[][] W, Random rng) {
    int fanIn = fanIn("heNormal", W);
    normal(W, Math.sqrt(2.0 / fanIn), rng);
  }

  /** Independent draws from {@code N(0, std²)}. */
  public static void normal(double[] a, double std, Random rng) {
    checkStd(std);
    for (int i = 0; i < a.length; i++) {
      a[i] = std * rng.nextGaussian();
    }
  }

  /** Independent draws from {@code N(0, std²)}, row by row. */
  public static void normal(double[][] a, double std, Random rng) {
    checkStd(std);
    for (double[] row : a) {
      normal(row, std, rng);
    }
  }

  /** Independent draws from {@code U(low, high)}. */
  public static void uniform(double[] a, double low, double high, Random rng) {
    checkRange(low, high);
    double width = high - low;
    for (int i = 0; i < a.length; i++) {
      a[i] = low + width * rng.nextDouble();
    }
  }

  /** Independent draws from {@code U(low, high)}, row by row. */
  public static void uniform(double[][] a, double low, double high, Random rng) {
    checkRange(low, high);
    for (double[] row : a) {
      uniform(row, low, high, rng);
    }
  }

  /** Every element set to {@code value}, e.g. 0 for biases. */
  public static void constant(double[] a, double value) {
    Arrays.fill(a, value);
  }

  /** Every element set to {@code value}. */
  public static void constant(double[][] a, double value) {
    for (double[] row : a) {
      Arrays.fill(row, value);
    }
  }

  /** The number of columns of a non-empty rectangular {@code W[out][in]}. */
  private static int fanIn(String initializer, double[][] W) {
    if (W.length == 0 || W[0].length == 0) {
      throw new IllegalArgumentException(initializer + ": W must be a non-empty W[out][in]"
          + " matrix, has " + W.length + " rows" + (W.length == 0 ? "" : " of length 0"));
    }
    int fanIn = W[0].length;
    for (int i = 1; i < W.length; i++) {
      if (W[i].length != fanIn) {
        throw new IllegalArgumentException(initializer + ": W is ragged: W[" + i
            + "] has length " + W[i].length + " but W[0] has length " + fanIn);
      }
    }
    return fanIn;
  }

  private static void checkStd(double std) {
    if (!(std >= 0.0 && std < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("std must be finite and >= 0, was " + std);
    }
  }

  private static void checkRange(double low, double high) {
    if (!(low <= high && high - low < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          "uniform needs finite low <= high, was [" + low + ", " + high + "]");
    }
  }
}
