package dev.tapeless.runtime.support;

import java.util.Arrays;

/**
 * Zero-filled arrays that a frame reuses across calls: the primal and adjoint storage of
 * {@code new double[n]} locals, and seed buffers. A new array is made only when the shape
 * changes.
 */
public final class Buffers {
  private Buffers() {}

  /**
   * {@code buffer} filled with zeros if it has length {@code n}, else a new array.
   *
   * @param buffer the array of the previous call, or null
   * @param n the length
   * @return buffer, zeroed, if it has the shape; else a new zero-filled array
   */
  public static double[] zeros(double[] buffer, int n) {
    if (buffer == null || buffer.length != n) {
      return new double[n];
    }
    Arrays.fill(buffer, 0.0);
    return buffer;
  }

  /**
   * A zero-filled {@code rows x cols} matrix, reusing {@code buffer} when it has that shape.
   *
   * @param buffer the array of the previous call, or null
   * @param rows the number of rows
   * @param cols the length of each row
   * @return buffer, zeroed, if it has the shape; else a new zero-filled array
   */
  public static double[][] zeros(double[][] buffer, int rows, int cols) {
    if (buffer == null || buffer.length != rows || (rows > 0 && buffer[0].length != cols)) {
      return new double[rows][cols];
    }
    for (double[] row : buffer) {
      Arrays.fill(row, 0.0);
    }
    return buffer;
  }

  /**
   * Zero-filled like {@code shape} (jagged rows included), reusing {@code buffer} if it fits.
   *
   * @param buffer the array of the previous call, or null
   * @param shape the array whose shape to take; its values are not read; null for an
   *     array local never created (its adjoint is never used), which leaves buffer as it is
   * @return buffer, zeroed, if it has the shape; else a new zero-filled array
   */
  public static double[] zerosLike(double[] buffer, double[] shape) {
    if (shape == null) {
      return buffer; // an array local created only in a branch not taken
    }
    return zeros(buffer, shape.length);
  }

  /**
   * Zero-filled like {@code shape} (jagged rows included), reusing {@code buffer} if it fits.
   *
   * @param buffer the array of the previous call, or null
   * @param shape the array whose shape to take; its values are not read; null for an
   *     array local never created (its adjoint is never used), which leaves buffer as it is
   * @return buffer, zeroed, if it has the shape; else a new zero-filled array
   */
  public static double[][] zerosLike(double[][] buffer, double[][] shape) {
    if (shape == null) {
      return buffer; // an array local created only in a branch not taken
    }
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

  /**
   * An int local's buffer ({@code int[] order = {2, 0, 1}}), zeroed like the others.
   *
   * @param buffer the array of the previous call, or null
   * @param n the length
   * @return buffer, zeroed, if it has the shape; else a new zero-filled array
   */
  public static int[] zeros(int[] buffer, int n) {
    if (buffer == null || buffer.length != n) {
      return new int[n];
    }
    Arrays.fill(buffer, 0);
    return buffer;
  }

  /**
   * A zero-filled array of the given shape, reusing {@code buffer} when it has that shape.
   *
   * @param buffer the array of the previous call, or null
   * @param rows the number of rows
   * @param cols the length of each row
   * @return buffer, zeroed, if it has the shape; else a new zero-filled array
   */
  public static int[][] zeros(int[][] buffer, int rows, int cols) {
    if (buffer == null || buffer.length != rows || (rows > 0 && buffer[0].length != cols)) {
      return new int[rows][cols];
    }
    for (int[] row : buffer) {
      Arrays.fill(row, 0);
    }
    return buffer;
  }

  /**
   * A zero-filled array of the given shape, reusing {@code buffer} when it has that shape.
   *
   * @param buffer the array of the previous call, or null
   * @param n the length
   * @return buffer, zeroed, if it has the shape; else a new zero-filled array
   */
  public static float[] zeros(float[] buffer, int n) {
    if (buffer == null || buffer.length != n) {
      return new float[n];
    }
    Arrays.fill(buffer, 0.0f);
    return buffer;
  }

  /**
   * A zero-filled array of the given shape, reusing {@code buffer} when it has that shape.
   *
   * @param buffer the array of the previous call, or null
   * @param rows the number of rows
   * @param cols the length of each row
   * @return buffer, zeroed, if it has the shape; else a new zero-filled array
   */
  public static float[][] zeros(float[][] buffer, int rows, int cols) {
    if (buffer == null || buffer.length != rows || (rows > 0 && buffer[0].length != cols)) {
      return new float[rows][cols];
    }
    for (float[] row : buffer) {
      Arrays.fill(row, 0.0f);
    }
    return buffer;
  }

  /**
   * A zero-filled array of the given shape, reusing {@code buffer} when it has that shape.
   *
   * @param buffer the array of the previous call, or null
   * @param blocks the number of blocks (matrices)
   * @param rows the number of rows
   * @param cols the length of each row
   * @return buffer, zeroed, if it has the shape; else a new zero-filled array
   */
  public static double[][][] zeros(double[][][] buffer, int blocks, int rows, int cols) {
    if (buffer == null || buffer.length != blocks
        || (blocks > 0 && (buffer[0].length != rows || (rows > 0 && buffer[0][0].length != cols)))) {
      return new double[blocks][rows][cols];
    }
    fill(buffer, 0.0);
    return buffer;
  }

  /**
   * A zero-filled array of the given shape, reusing {@code buffer} when it has that shape.
   *
   * @param buffer the array of the previous call, or null
   * @param blocks the number of blocks (matrices)
   * @param rows the number of rows
   * @param cols the length of each row
   * @return buffer, zeroed, if it has the shape; else a new zero-filled array
   */
  public static float[][][] zeros(float[][][] buffer, int blocks, int rows, int cols) {
    if (buffer == null || buffer.length != blocks
        || (blocks > 0 && (buffer[0].length != rows || (rows > 0 && buffer[0][0].length != cols)))) {
      return new float[blocks][rows][cols];
    }
    fill(buffer, 0.0);
    return buffer;
  }

  /**
   * Zero-filled like {@code shape} (jagged rows included), reusing {@code buffer} if it fits.
   *
   * @param buffer the array of the previous call, or null
   * @param shape the array whose shape to take; its values are not read; null for an
   *     array local never created (its adjoint is never used), which leaves buffer as it is
   * @return buffer, zeroed, if it has the shape; else a new zero-filled array
   */
  public static float[] zerosLike(float[] buffer, float[] shape) {
    if (shape == null) {
      return buffer; // an array local created only in a branch not taken
    }
    return zeros(buffer, shape.length);
  }

  /**
   * Zero-filled like {@code shape} (jagged rows included), reusing {@code buffer} if it fits.
   *
   * @param buffer the array of the previous call, or null
   * @param shape the array whose shape to take; its values are not read; null for an
   *     array local never created (its adjoint is never used), which leaves buffer as it is
   * @return buffer, zeroed, if it has the shape; else a new zero-filled array
   */
  public static float[][] zerosLike(float[][] buffer, float[][] shape) {
    if (shape == null) {
      return buffer; // an array local created only in a branch not taken
    }
    if (!Shapes.same(buffer, shape)) {
      buffer = new float[shape.length][];
      for (int i = 0; i < shape.length; i++) {
        buffer[i] = new float[shape[i].length];
      }
      return buffer;
    }
    fill(buffer, 0.0);
    return buffer;
  }

  /**
   * Zero-filled like {@code shape} (jagged rows included), reusing {@code buffer} if it fits.
   *
   * @param buffer the array of the previous call, or null
   * @param shape the array whose shape to take; its values are not read; null for an
   *     array local never created (its adjoint is never used), which leaves buffer as it is
   * @return buffer, zeroed, if it has the shape; else a new zero-filled array
   */
  public static double[][][] zerosLike(double[][][] buffer, double[][][] shape) {
    if (shape == null) {
      return buffer; // an array local created only in a branch not taken
    }
    if (!Shapes.same(buffer, shape)) {
      buffer = new double[shape.length][][];
      for (int i = 0; i < shape.length; i++) {
        buffer[i] = zerosLike(null, shape[i]);
      }
      return buffer;
    }
    fill(buffer, 0.0);
    return buffer;
  }

  /**
   * Zero-filled like {@code shape} (jagged rows included), reusing {@code buffer} if it fits.
   *
   * @param buffer the array of the previous call, or null
   * @param shape the array whose shape to take; its values are not read; null for an
   *     array local never created (its adjoint is never used), which leaves buffer as it is
   * @return buffer, zeroed, if it has the shape; else a new zero-filled array
   */
  public static float[][][] zerosLike(float[][][] buffer, float[][][] shape) {
    if (shape == null) {
      return buffer; // an array local created only in a branch not taken
    }
    if (!Shapes.same(buffer, shape)) {
      buffer = new float[shape.length][][];
      for (int i = 0; i < shape.length; i++) {
        buffer[i] = zerosLike(null, shape[i]);
      }
      return buffer;
    }
    fill(buffer, 0.0);
    return buffer;
  }

  /**
   * Sets every element of {@code a} to {@code v}.
   *
   * @param a the array, overwritten
   * @param v the value
   */
  public static void fill(double[] a, double v) {
    Arrays.fill(a, v);
  }

  /**
   * Sets every element of {@code a} to {@code v}.
   *
   * @param a the array, overwritten
   * @param v the value
   */
  public static void fill(double[][] a, double v) {
    for (double[] row : a) {
      Arrays.fill(row, v);
    }
  }

  /**
   * Sets every element of {@code a} to {@code v}.
   *
   * @param a the array, overwritten
   * @param v the value
   */
  public static void fill(double[][][] a, double v) {
    for (double[][] block : a) {
      fill(block, v);
    }
  }

  /**
   * Takes a double, as generated code writes its constants, and rounds it once.
   *
   * @param a the array, overwritten
   * @param v the value, rounded to float once
   */
  public static void fill(float[] a, double v) {
    Arrays.fill(a, (float) v);
  }

  /**
   * Sets every element of {@code a} to {@code v} rounded to float.
   *
   * @param a the array, overwritten
   * @param v the value, rounded to float once
   */
  public static void fill(float[][] a, double v) {
    for (float[] row : a) {
      Arrays.fill(row, (float) v);
    }
  }

  /**
   * Sets every element of {@code a} to {@code v} rounded to float.
   *
   * @param a the array, overwritten
   * @param v the value, rounded to float once
   */
  public static void fill(float[][][] a, double v) {
    for (float[][] block : a) {
      fill(block, v);
    }
  }

  /**
   * Copies the elements of {@code from} into {@code to}, row by row.
   *
   * @param from the source, read
   * @param to the destination, each row at least as long as from's, overwritten
   */
  public static void copy(double[] from, double[] to) {
    System.arraycopy(from, 0, to, 0, from.length);
  }

  /**
   * Copies the elements of {@code from} into {@code to}, row by row.
   *
   * @param from the source, read
   * @param to the destination, each row at least as long as from's, overwritten
   */
  public static void copy(double[][] from, double[][] to) {
    for (int i = 0; i < from.length; i++) {
      System.arraycopy(from[i], 0, to[i], 0, from[i].length);
    }
  }

  /**
   * Copies the elements of {@code from} into {@code to}, row by row.
   *
   * @param from the source, read
   * @param to the destination, each row at least as long as from's, overwritten
   */
  public static void copy(double[][][] from, double[][][] to) {
    for (int i = 0; i < from.length; i++) {
      copy(from[i], to[i]);
    }
  }

  /**
   * Copies the elements of {@code from} into {@code to}, row by row.
   *
   * @param from the source, read
   * @param to the destination, each row at least as long as from's, overwritten
   */
  public static void copy(float[] from, float[] to) {
    System.arraycopy(from, 0, to, 0, from.length);
  }

  /**
   * Copies the elements of {@code from} into {@code to}, row by row.
   *
   * @param from the source, read
   * @param to the destination, each row at least as long as from's, overwritten
   */
  public static void copy(float[][] from, float[][] to) {
    for (int i = 0; i < from.length; i++) {
      System.arraycopy(from[i], 0, to[i], 0, from[i].length);
    }
  }

  /**
   * Copies the elements of {@code from} into {@code to}, row by row.
   *
   * @param from the source, read
   * @param to the destination, each row at least as long as from's, overwritten
   */
  public static void copy(float[][][] from, float[][][] to) {
    for (int i = 0; i < from.length; i++) {
      copy(from[i], to[i]);
    }
  }
  /**
   * {@link #zeros(double[], int)} for an array created again on a later iteration of a loop,
   * whose previous contents the backward sweep restores into the same buffer: that needs the
   * same shape every time.
   *
   * @param buffer the array of the previous call or iteration, or null
   * @param previous what the variable held before (null on the first iteration)
   * @param name the variable's name, for the message
   * @param n the length
   * @return buffer, zeroed
   * @throws IllegalStateException if the shape changed since the previous iteration
   */
  public static double[] zerosAgain(double[] buffer, double[] previous, String name, int n) {
    return same(zeros(buffer, n), previous, name);
  }

  /**
   * {@link #zeros(double[][], int, int)} for an array created again in a loop; see
   * {@link #zerosAgain(double[], double[], String, int)}.
   *
   * @param buffer the array of the previous call or iteration, or null
   * @param previous what the variable held before (null on the first iteration)
   * @param name the variable's name, for the message
   * @param rows the number of rows
   * @param cols the length of each row
   * @return buffer, zeroed
   * @throws IllegalStateException if the shape changed since the previous iteration
   */
  public static double[][] zerosAgain(double[][] buffer, double[][] previous, String name,
      int rows, int cols) {
    return same(zeros(buffer, rows, cols), previous, name);
  }

  /**
   * {@link #zeros(double[][][], int, int, int)} for an array created again in a loop; see
   * {@link #zerosAgain(double[], double[], String, int)}.
   *
   * @param buffer the array of the previous call or iteration, or null
   * @param previous what the variable held before (null on the first iteration)
   * @param name the variable's name, for the message
   * @param blocks the number of blocks
   * @param rows the number of rows of each block
   * @param cols the length of each row
   * @return buffer, zeroed
   * @throws IllegalStateException if the shape changed since the previous iteration
   */
  public static double[][][] zerosAgain(double[][][] buffer, double[][][] previous, String name,
      int blocks, int rows, int cols) {
    return same(zeros(buffer, blocks, rows, cols), previous, name);
  }

  /**
   * {@link #zeros(float[], int)} for an array created again in a loop; see
   * {@link #zerosAgain(double[], double[], String, int)}.
   *
   * @param buffer the array of the previous call or iteration, or null
   * @param previous what the variable held before (null on the first iteration)
   * @param name the variable's name, for the message
   * @param n the length
   * @return buffer, zeroed
   * @throws IllegalStateException if the shape changed since the previous iteration
   */
  public static float[] zerosAgain(float[] buffer, float[] previous, String name, int n) {
    return same(zeros(buffer, n), previous, name);
  }

  /**
   * {@link #zeros(float[][], int, int)} for an array created again in a loop; see
   * {@link #zerosAgain(double[], double[], String, int)}.
   *
   * @param buffer the array of the previous call or iteration, or null
   * @param previous what the variable held before (null on the first iteration)
   * @param name the variable's name, for the message
   * @param rows the number of rows
   * @param cols the length of each row
   * @return buffer, zeroed
   * @throws IllegalStateException if the shape changed since the previous iteration
   */
  public static float[][] zerosAgain(float[][] buffer, float[][] previous, String name,
      int rows, int cols) {
    return same(zeros(buffer, rows, cols), previous, name);
  }

  /**
   * {@link #zeros(float[][][], int, int, int)} for an array created again in a loop; see
   * {@link #zerosAgain(double[], double[], String, int)}.
   *
   * @param buffer the array of the previous call or iteration, or null
   * @param previous what the variable held before (null on the first iteration)
   * @param name the variable's name, for the message
   * @param blocks the number of blocks
   * @param rows the number of rows of each block
   * @param cols the length of each row
   * @return buffer, zeroed
   * @throws IllegalStateException if the shape changed since the previous iteration
   */
  public static float[][][] zerosAgain(float[][][] buffer, float[][][] previous, String name,
      int blocks, int rows, int cols) {
    return same(zeros(buffer, blocks, rows, cols), previous, name);
  }

  /**
   * {@link #zeros(int[], int)} for an array created again in a loop; see
   * {@link #zerosAgain(double[], double[], String, int)}.
   *
   * @param buffer the array of the previous call or iteration, or null
   * @param previous what the variable held before (null on the first iteration)
   * @param name the variable's name, for the message
   * @param n the length
   * @return buffer, zeroed
   * @throws IllegalStateException if the shape changed since the previous iteration
   */
  public static int[] zerosAgain(int[] buffer, int[] previous, String name, int n) {
    return same(zeros(buffer, n), previous, name);
  }

  /**
   * {@link #zeros(int[][], int, int)} for an array created again in a loop; see
   * {@link #zerosAgain(double[], double[], String, int)}.
   *
   * @param buffer the array of the previous call or iteration, or null
   * @param previous what the variable held before (null on the first iteration)
   * @param name the variable's name, for the message
   * @param rows the number of rows
   * @param cols the length of each row
   * @return buffer, zeroed
   * @throws IllegalStateException if the shape changed since the previous iteration
   */
  public static int[][] zerosAgain(int[][] buffer, int[][] previous, String name, int rows,
      int cols) {
    return same(zeros(buffer, rows, cols), previous, name);
  }

  /** The fresh array, unless it replaced a live one of another shape. */
  private static <T> T same(T fresh, T previous, String name) {
    if (previous != null && fresh != previous) {
      throw new IllegalStateException("the array " + name + ", created again in a loop, changed"
          + " shape from one iteration to the next; the frame restores its earlier contents into"
          + " one buffer, so create it at one size (the largest) and use part of it");
    }
    return fresh;
  }
}
