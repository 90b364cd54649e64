package dev.tapeless.runtime;

/**
 * Shape and aliasing checks shared by the kernels.
 *
 * <p>Each check is a comparison on the hot path; the message is built only when it fails, so a
 * passing check allocates nothing. Messages name the kernel and the parameter, e.g.
 * {@code "matvec: x has length 3 but W has 4 columns"}.
 *
 * <p>A vector is a {@code double[]} or a {@code float[]}, a matrix a {@code double[][]} or a
 * {@code float[][]}, passed as {@code Object} and {@code Object[]}: the checks read only lengths
 * and identities, so one check serves the {@code double} kernels and their {@code float}
 * overloads, with the same messages.
 */
final class Checks {

  private Checks() {}

  /** The length of a {@code double[]} or {@code float[]}. */
  static int length(Object vector) {
    return vector instanceof double[] d ? d.length : ((float[]) vector).length;
  }

  /** Requires {@code a.length == b.length}. */
  static void sameLength(String kernel, String name, Object a, String otherName, Object b) {
    int n = length(a);
    int other = length(b);
    if (n != other) {
      throw new IllegalArgumentException(
          kernel + ": " + name + " has length " + n + " but " + otherName + " has length "
              + other);
    }
  }

  /** {@link #sameLength} for an adjoint the caller may leave out ({@code null}). */
  static void sameLengthIfPresent(
      String kernel, String name, Object a, String otherName, Object b) {
    if (a != null) {
      sameLength(kernel, name, a, otherName, b);
    }
  }

  /** {@link #sameShape} for an adjoint the caller may leave out ({@code null}). */
  static void sameShapeIfPresent(String kernel, String name, Object[] dm, String primalName,
      int rows, int cols) {
    if (dm != null) {
      sameShape(kernel, name, dm, primalName, rows, cols);
    }
  }

  /** Requires {@code v.length == rows}, the row count of {@code matrixName}. */
  static void lengthIsRows(String kernel, String name, Object v, String matrixName, int rows) {
    int n = length(v);
    if (n != rows) {
      throw new IllegalArgumentException(
          kernel + ": " + name + " has length " + n + " but " + matrixName + " has " + rows
              + " rows");
    }
  }

  /**
   * Requires {@code m} to be {@code rows × cols}: {@code rows} from {@code rowsFrom}'s length,
   * {@code cols} from {@code colsFrom}'s. A first row of the wrong length is reported as the
   * vector's mismatch ("x has length 3 but W has 4 columns"), a later one as a ragged matrix.
   * With a non-null {@code out}, also requires that no row of {@code m} is {@code out}.
   */
  static void matrix(
      String kernel,
      String name,
      Object[] m,
      String rowsFrom,
      int rows,
      String colsFrom,
      int cols,
      String outName,
      Object out) {
    if (m.length != rows) {
      throw new IllegalArgumentException(
          kernel + ": " + rowsFrom + " has length " + rows + " but " + name + " has "
              + m.length + " rows");
    }
    for (int i = 0; i < rows; i++) {
      Object row = m[i];
      int n = length(row);
      if (n != cols) {
        throw new IllegalArgumentException(
            i == 0
                ? kernel + ": " + colsFrom + " has length " + cols + " but " + name + " has "
                    + n + " columns"
                : kernel + ": " + name + " is ragged: " + name + "[" + i + "] has length "
                    + n + " but " + name + "[0] has length " + cols);
      }
      if (out != null && row == out) {
        throw new IllegalArgumentException(
            kernel + ": " + outName + " must not be the same array as " + name + "[" + i + "]");
      }
    }
  }

  /**
   * Requires the adjoint {@code dm} to have the shape of {@code m}, which has been checked to be
   * {@code rows × cols}.
   */
  static void sameShape(String kernel, String name, Object[] dm, String primalName, int rows,
      int cols) {
    if (dm.length != rows) {
      throw new IllegalArgumentException(
          kernel + ": " + name + " has " + dm.length + " rows but " + primalName + " has "
              + rows);
    }
    for (int i = 0; i < rows; i++) {
      int n = length(dm[i]);
      if (n != cols) {
        throw new IllegalArgumentException(
            kernel + ": " + name + "[" + i + "] has length " + n + " but " + primalName
                + " has " + cols + " columns");
      }
    }
  }

  /**
   * Requires that no row of {@code m} is {@code v}; nothing to check when either is {@code null}
   * (a tangent left out). For outputs that are written while {@code m} or {@code v} is still
   * being read.
   */
  static void notARow(String kernel, String name, Object v, String matrixName, Object[] m) {
    if (v == null || m == null) {
      return;
    }
    for (int i = 0; i < m.length; i++) {
      if (m[i] == v) {
        throw new IllegalArgumentException(
            kernel + ": " + name + " must not be the same array as " + matrixName + "[" + i
                + "]");
      }
    }
  }

  /**
   * Requires the {@code dScalars} array of a pullback to have one element per differentiated
   * scalar parameter, {@code count}.
   */
  static void scalarAdjoints(String kernel, double[] dScalars, int count) {
    if (dScalars.length != count) {
      throw new IllegalArgumentException(
          kernel + ": dScalars has length " + dScalars.length + " but there are " + count
              + " differentiated double parameters");
    }
  }

  /**
   * Requires that an output is not also an input: the pullback reads the inputs after the call,
   * so a kernel that overwrote one would get a wrong derivative.
   */
  static void distinct(String kernel, String outName, Object out, String inName, Object in) {
    if (out == in) {
      throw new IllegalArgumentException(
          kernel + ": " + outName + " must not be the same array as " + inName);
    }
  }
}
