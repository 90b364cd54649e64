package dev.tapeless.runtime.support;

import java.util.Arrays;

/**
 * Zero-filled arrays that a frame reuses across calls: the primal and adjoint storage of
 * {@code new double[n]} locals, and seed buffers. A new array is made only when the shape
 * changes.
 */
public final class Buffers {
  private Buffers() {}

  /** {@code buffer} filled with zeros if it has length {@code n}, else a new array. */
  public static double[] zeros(double[] buffer, int n) {
    if (buffer == null || buffer.length != n) {
      return new double[n];
    }
    Arrays.fill(buffer, 0.0);
    return buffer;
  }

  /** A zero-filled {@code rows x cols} matrix, reusing {@code buffer} when it has that shape. */
  public static double[][] zeros(double[][] buffer, int rows, int cols) {
    if (buffer == null || buffer.length != rows || (rows > 0 && buffer[0].length != cols)) {
      return new double[rows][cols];
    }
    for (double[] row : buffer) {
      Arrays.fill(row, 0.0);
    }
    return buffer;
  }

  /** Zero-filled like {@code shape} (jagged rows included), reusing {@code buffer} if it fits. */
  public static double[] zerosLike(double[] buffer, double[] shape) {
    return zeros(buffer, shape.length);
  }

  public static double[][] zerosLike(double[][] buffer, double[][] shape) {
    if (!Shapes.same(buffer, shape)) {
      buffer = new double[shape.length][];
      for (int i = 0; i < shape.length; i++) {
        buffer[i] = new double[shape[i].length];
      }
      return buffer;
    }
    for (double[] row : buffer) {
      Arrays.fill(row, 0.0);
    }
    return buffer;
  }

  public static void fill(double[] a, double v) {
    Arrays.fill(a, v);
  }

  public static void fill(double[][] a, double v) {
    for (double[] row : a) {
      Arrays.fill(row, v);
    }
  }

  public static void copy(double[] from, double[] to) {
    System.arraycopy(from, 0, to, 0, from.length);
  }

  public static void copy(double[][] from, double[][] to) {
    for (int i = 0; i < from.length; i++) {
      System.arraycopy(from[i], 0, to[i], 0, from[i].length);
    }
  }
}
