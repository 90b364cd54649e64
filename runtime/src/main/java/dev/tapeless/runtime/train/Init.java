package dev.tapeless.runtime.train;

import java.lang.reflect.Array;
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
 *
 * <p>Each initializer also fills {@code float} arrays. It draws exactly as for {@code double}
 * and rounds each value to the nearest float, so that with the same seed a float model starts
 * at its double twin's weights rounded, and the two can be compared step by step. Rounding may
 * reach an interval's bound: a float uniform draw lies in {@code [low, high]} after rounding.
 */
public final class Init {

  private Init() {}

  /**
   * Xavier/Glorot uniform: {@code U(−a, a)} with {@code a = sqrt(6 / (fanIn + fanOut))}, whose
   * variance is {@code 2 / (fanIn + fanOut)}.
   *
   * @param W the weights W[out][in], non-empty and rectangular, overwritten
   * @param rng the source of the draws
   * @throws IllegalArgumentException if W is empty or ragged
   */
  public static void xavierUniform(double[][] W, Random rng) {
    int fanIn = fanIn("xavierUniform", W);
    double limit = Math.sqrt(6.0 / (fanIn + W.length));
    uniform(W, -limit, limit, rng);
  }

  /**
   * He/Kaiming normal: {@code N(0, 2 / fanIn)}, i.e. standard deviation {@code sqrt(2/fanIn)}.
   *
   * @param W the weights W[out][in], non-empty and rectangular, overwritten
   * @param rng the source of the draws
   * @throws IllegalArgumentException if W is empty or ragged
   */
  public static void heNormal(double[][] W, Random rng) {
    int fanIn = fanIn("heNormal", W);
    normal(W, Math.sqrt(2.0 / fanIn), rng);
  }

  /**
   * Independent draws from {@code N(0, std²)}.
   *
   * @param a the array to fill, overwritten
   * @param std the standard deviation, finite and {@code >= 0}
   * @param rng the source of the draws
   * @throws IllegalArgumentException if std is negative or not finite
   */
  public static void normal(double[] a, double std, Random rng) {
    checkStd(std);
    for (int i = 0; i < a.length; i++) {
      a[i] = std * rng.nextGaussian();
    }
  }

  /**
   * Independent draws from {@code N(0, std²)}, row by row.
   *
   * @param a the array to fill, overwritten
   * @param std the standard deviation, finite and {@code >= 0}
   * @param rng the source of the draws
   * @throws IllegalArgumentException if std is negative or not finite
   */
  public static void normal(double[][] a, double std, Random rng) {
    checkStd(std);
    for (double[] row : a) {
      normal(row, std, rng);
    }
  }

  /**
   * Independent draws from {@code U(low, high)}.
   *
   * @param a the array to fill, overwritten
   * @param low the lower bound
   * @param high the upper bound, {@code >= low}
   * @param rng the source of the draws
   * @throws IllegalArgumentException unless {@code low <= high} and the width is finite
   */
  public static void uniform(double[] a, double low, double high, Random rng) {
    checkRange(low, high);
    double width = high - low;
    for (int i = 0; i < a.length; i++) {
      a[i] = low + width * rng.nextDouble();
    }
  }

  /**
   * Independent draws from {@code U(low, high)}, row by row.
   *
   * @param a the array to fill, overwritten
   * @param low the lower bound
   * @param high the upper bound, {@code >= low}
   * @param rng the source of the draws
   * @throws IllegalArgumentException unless {@code low <= high} and the width is finite
   */
  public static void uniform(double[][] a, double low, double high, Random rng) {
    checkRange(low, high);
    for (double[] row : a) {
      uniform(row, low, high, rng);
    }
  }

  /**
   * Every element set to {@code value}, e.g. 0 for biases.
   *
   * @param a the array to fill, overwritten
   * @param value the value of every element
   */
  public static void constant(double[] a, double value) {
    Arrays.fill(a, value);
  }

  /**
   * Every element set to {@code value}.
   *
   * @param a the array to fill, overwritten
   * @param value the value of every element
   */
  public static void constant(double[][] a, double value) {
    for (double[] row : a) {
      Arrays.fill(row, value);
    }
  }

  /**
   * {@link #xavierUniform(double[][], Random)} rounded to float.
   *
   * @param W the weights W[out][in], non-empty and rectangular, overwritten
   * @param rng the source of the draws
   * @throws IllegalArgumentException if W is empty or ragged
   */
  public static void xavierUniform(float[][] W, Random rng) {
    int fanIn = fanIn("xavierUniform", W);
    double limit = Math.sqrt(6.0 / (fanIn + W.length));
    uniform(W, -limit, limit, rng);
  }

  /**
   * {@link #heNormal(double[][], Random)} rounded to float.
   *
   * @param W the weights W[out][in], non-empty and rectangular, overwritten
   * @param rng the source of the draws
   * @throws IllegalArgumentException if W is empty or ragged
   */
  public static void heNormal(float[][] W, Random rng) {
    int fanIn = fanIn("heNormal", W);
    normal(W, Math.sqrt(2.0 / fanIn), rng);
  }

  /**
   * {@link #normal(double[], double, Random)} rounded to float.
   *
   * @param a the array to fill, overwritten
   * @param std the standard deviation, finite and {@code >= 0}
   * @param rng the source of the draws
   * @throws IllegalArgumentException if std is negative or not finite
   */
  public static void normal(float[] a, double std, Random rng) {
    checkStd(std);
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) (std * rng.nextGaussian());
    }
  }

  /**
   * {@link #normal(double[][], double, Random)} rounded to float.
   *
   * @param a the array to fill, overwritten
   * @param std the standard deviation, finite and {@code >= 0}
   * @param rng the source of the draws
   * @throws IllegalArgumentException if std is negative or not finite
   */
  public static void normal(float[][] a, double std, Random rng) {
    checkStd(std);
    for (float[] row : a) {
      normal(row, std, rng);
    }
  }

  /**
   * {@link #uniform(double[], double, double, Random)} rounded to float.
   *
   * @param a the array to fill, overwritten
   * @param low the lower bound
   * @param high the upper bound, {@code >= low}
   * @param rng the source of the draws
   * @throws IllegalArgumentException unless {@code low <= high} and the width is finite
   */
  public static void uniform(float[] a, double low, double high, Random rng) {
    checkRange(low, high);
    double width = high - low;
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) (low + width * rng.nextDouble());
    }
  }

  /**
   * {@link #uniform(double[][], double, double, Random)} rounded to float.
   *
   * @param a the array to fill, overwritten
   * @param low the lower bound
   * @param high the upper bound, {@code >= low}
   * @param rng the source of the draws
   * @throws IllegalArgumentException unless {@code low <= high} and the width is finite
   */
  public static void uniform(float[][] a, double low, double high, Random rng) {
    checkRange(low, high);
    for (float[] row : a) {
      uniform(row, low, high, rng);
    }
  }

  /**
   * Every element set to {@code value} rounded to float; a {@code double} value, so that
   * {@code constant(b, 0.1)} needs no {@code f} suffix and agrees with the double overload.
   *
   * @param a the array to fill, overwritten
   * @param value the value of every element
   */
  public static void constant(float[] a, double value) {
    Arrays.fill(a, (float) value);
  }

  /**
   * Every element set to {@code value} rounded to float.
   *
   * @param a the array to fill, overwritten
   * @param value the value of every element
   */
  public static void constant(float[][] a, double value) {
    for (float[] row : a) {
      Arrays.fill(row, (float) value);
    }
  }

  /**
   * The number of columns of a non-empty rectangular {@code W[out][in]} of doubles or floats
   * (its rows are read with {@link Array#getLength}).
   */
  private static int fanIn(String initializer, Object[] W) {
    int columns = W.length == 0 ? 0 : Array.getLength(W[0]);
    if (columns == 0) {
      throw new IllegalArgumentException(initializer + ": W must be a non-empty W[out][in]"
          + " matrix, has " + W.length + " rows" + (W.length == 0 ? "" : " of length 0"));
    }
    for (int i = 1; i < W.length; i++) {
      int length = Array.getLength(W[i]);
      if (length != columns) {
        throw new IllegalArgumentException(initializer + ": W is ragged: W[" + i
            + "] has length " + length + " but W[0] has length " + columns);
      }
    }
    return columns;
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
