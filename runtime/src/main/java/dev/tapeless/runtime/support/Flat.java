package dev.tapeless.runtime.support;

/**
 * Flattening for Jacobians: inputs and outputs laid out in declaration order, arrays row-major,
 * so J[i][j] = ∂out_i/∂in_j.
 */
public final class Flat {
  private Flat() {}

  /**
   * The number of elements of {@code a}, all rows and blocks together.
   *
   * @param a the array
   * @return its element count
   */
  public static int size(double[] a) {
    return a.length;
  }

  /**
   * The number of elements of {@code a}, all rows and blocks together.
   *
   * @param a the array
   * @return its element count
   */
  public static int size(double[][] a) {
    int n = 0;
    for (double[] row : a) {
      n += row.length;
    }
    return n;
  }

  /**
   * Copies {@code from} into {@code row} at {@code at}; returns the next free position.
   *
   * @param from the values, read
   * @param row the flat destination, written from at on
   * @param at the first position to write
   * @return at plus the number of elements written
   */
  public static int put(double[] from, double[] row, int at) {
    System.arraycopy(from, 0, row, at, from.length);
    return at + from.length;
  }

  /**
   * Copies {@code from} row-major into {@code row} at {@code at}; returns the next free position.
   *
   * @param from the values, read
   * @param row the flat destination, written from at on
   * @param at the first position to write
   * @return at plus the number of elements written
   */
  public static int put(double[][] from, double[] row, int at) {
    for (double[] r : from) {
      at = put(r, row, at);
    }
    return at;
  }

  /**
   * Sets the {@code k}-th element (row-major) to one.
   *
   * @param a the array, one element written
   * @param k the row-major index
   * @throws IndexOutOfBoundsException if a has no k-th element
   */
  public static void setOne(double[] a, int k) {
    a[k] = 1.0;
  }

  /**
   * Sets the {@code k}-th element (row-major) to one.
   *
   * @param a the array, one element written
   * @param k the row-major index
   * @throws IndexOutOfBoundsException if a has no k-th element
   */
  public static void setOne(double[][] a, int k) {
    for (double[] row : a) {
      if (k < row.length) {
        row[k] = 1.0;
        return;
      }
      k -= row.length;
    }
    throw new IndexOutOfBoundsException(k);
  }

  /**
   * Sets the {@code k}-th element (row-major) back to zero.
   *
   * @param a the array, one element written
   * @param k the row-major index
   * @throws IndexOutOfBoundsException if a has no k-th element
   */
  public static void setZero(double[] a, int k) {
    a[k] = 0.0;
  }

  /**
   * Sets the {@code k}-th element (row-major) back to zero.
   *
   * @param a the array, one element written
   * @param k the row-major index
   * @throws IndexOutOfBoundsException if a has no k-th element
   */
  public static void setZero(double[][] a, int k) {
    for (double[] row : a) {
      if (k < row.length) {
        row[k] = 0.0;
        return;
      }
      k -= row.length;
    }
    throw new IndexOutOfBoundsException(k);
  }

  /**
   * Copies {@code from} into column {@code col} of {@code jacobian}, from row {@code at} down;
   * returns the next free row.
   *
   * @param from the values, read
   * @param jacobian the matrix, column col written from row at down
   * @param at the first row to write
   * @param col the column to write
   * @return at plus the number of elements written
   */
  public static int putColumn(double[] from, double[][] jacobian, int at, int col) {
    for (double v : from) {
      jacobian[at++][col] = v;
    }
    return at;
  }

  /**
   * Copies {@code from} row-major into column {@code col} of {@code jacobian}, from row {@code at}
   * down; returns the next free row.
   *
   * @param from the values, read
   * @param jacobian the matrix, column col written from row at down
   * @param at the first row to write
   * @param col the column to write
   * @return at plus the number of elements written
   */
  public static int putColumn(double[][] from, double[][] jacobian, int at, int col) {
    for (double[] r : from) {
      at = putColumn(r, jacobian, at, col);
    }
    return at;
  }


  /**
   * The number of elements of {@code a}, all rows and blocks together.
   *
   * @param a the array
   * @return its element count
   */
  public static int size(float[] a) {
    return a.length;
  }

  /**
   * The number of elements of {@code a}, all rows and blocks together.
   *
   * @param a the array
   * @return its element count
   */
  public static int size(float[][] a) {
    int n = 0;
    for (float[] row : a) {
      n += row.length;
    }
    return n;
  }

  /**
   * The number of elements of {@code a}, all rows and blocks together.
   *
   * @param a the array
   * @return its element count
   */
  public static int size(double[][][] a) {
    int n = 0;
    for (double[][] block : a) {
      n += size(block);
    }
    return n;
  }

  /**
   * The number of elements of {@code a}, all rows and blocks together.
   *
   * @param a the array
   * @return its element count
   */
  public static int size(float[][][] a) {
    int n = 0;
    for (float[][] block : a) {
      n += size(block);
    }
    return n;
  }

  /**
   * Copies {@code from} row-major into {@code row} at {@code at}; returns the next free position.
   *
   * @param from the values, read
   * @param row the flat destination, written from at on
   * @param at the first position to write
   * @return at plus the number of elements written
   */
  public static int put(float[] from, double[] row, int at) {
    for (float v : from) {
      row[at++] = v;
    }
    return at;
  }

  /**
   * Copies {@code from} row-major into {@code row} at {@code at}; returns the next free position.
   *
   * @param from the values, read
   * @param row the flat destination, written from at on
   * @param at the first position to write
   * @return at plus the number of elements written
   */
  public static int put(float[][] from, double[] row, int at) {
    for (float[] r : from) {
      at = put(r, row, at);
    }
    return at;
  }

  /**
   * Copies {@code from} row-major into {@code row} at {@code at}; returns the next free position.
   *
   * @param from the values, read
   * @param row the flat destination, written from at on
   * @param at the first position to write
   * @return at plus the number of elements written
   */
  public static int put(double[][][] from, double[] row, int at) {
    for (double[][] block : from) {
      at = put(block, row, at);
    }
    return at;
  }

  /**
   * Copies {@code from} row-major into {@code row} at {@code at}; returns the next free position.
   *
   * @param from the values, read
   * @param row the flat destination, written from at on
   * @param at the first position to write
   * @return at plus the number of elements written
   */
  public static int put(float[][][] from, double[] row, int at) {
    for (float[][] block : from) {
      at = put(block, row, at);
    }
    return at;
  }

  /**
   * Sets the {@code k}-th element (row-major) to one.
   *
   * @param a the array, one element written
   * @param k the row-major index
   * @throws IndexOutOfBoundsException if a has no k-th element
   */
  public static void setOne(float[] a, int k) {
    a[k] = 1.0f;
  }

  /**
   * Sets the {@code k}-th element (row-major) to one.
   *
   * @param a the array, one element written
   * @param k the row-major index
   * @throws IndexOutOfBoundsException if a has no k-th element
   */
  public static void setOne(float[][] a, int k) {
    setAt(a, k, 1.0f);
  }

  /**
   * Sets the {@code k}-th element (row-major) to one.
   *
   * @param a the array, one element written
   * @param k the row-major index
   * @throws IndexOutOfBoundsException if a has no k-th element
   */
  public static void setOne(double[][][] a, int k) {
    setAt(a, k, 1.0);
  }

  /**
   * Sets the {@code k}-th element (row-major) to one.
   *
   * @param a the array, one element written
   * @param k the row-major index
   * @throws IndexOutOfBoundsException if a has no k-th element
   */
  public static void setOne(float[][][] a, int k) {
    setAt(a, k, 1.0f);
  }

  /**
   * Sets the {@code k}-th element (row-major) back to zero.
   *
   * @param a the array, one element written
   * @param k the row-major index
   * @throws IndexOutOfBoundsException if a has no k-th element
   */
  public static void setZero(float[] a, int k) {
    a[k] = 0.0f;
  }

  /**
   * Sets the {@code k}-th element (row-major) back to zero.
   *
   * @param a the array, one element written
   * @param k the row-major index
   * @throws IndexOutOfBoundsException if a has no k-th element
   */
  public static void setZero(float[][] a, int k) {
    setAt(a, k, 0.0f);
  }

  /**
   * Sets the {@code k}-th element (row-major) back to zero.
   *
   * @param a the array, one element written
   * @param k the row-major index
   * @throws IndexOutOfBoundsException if a has no k-th element
   */
  public static void setZero(double[][][] a, int k) {
    setAt(a, k, 0.0);
  }

  /**
   * Sets the {@code k}-th element (row-major) back to zero.
   *
   * @param a the array, one element written
   * @param k the row-major index
   * @throws IndexOutOfBoundsException if a has no k-th element
   */
  public static void setZero(float[][][] a, int k) {
    setAt(a, k, 0.0f);
  }

  private static void setAt(float[][] a, int k, float v) {
    for (float[] row : a) {
      if (k < row.length) {
        row[k] = v;
        return;
      }
      k -= row.length;
    }
    throw new IndexOutOfBoundsException(k);
  }

  private static void setAt(double[][][] a, int k, double v) {
    for (double[][] block : a) {
      for (double[] row : block) {
        if (k < row.length) {
          row[k] = v;
          return;
        }
        k -= row.length;
      }
    }
    throw new IndexOutOfBoundsException(k);
  }

  private static void setAt(float[][][] a, int k, float v) {
    for (float[][] block : a) {
      for (float[] row : block) {
        if (k < row.length) {
          row[k] = v;
          return;
        }
        k -= row.length;
      }
    }
    throw new IndexOutOfBoundsException(k);
  }

  /**
   * Copies {@code from} row-major into column {@code col} of {@code jacobian}, from row {@code at}
   * down; returns the next free row.
   *
   * @param from the values, read
   * @param jacobian the matrix, column col written from row at down
   * @param at the first row to write
   * @param col the column to write
   * @return at plus the number of elements written
   */
  public static int putColumn(float[] from, double[][] jacobian, int at, int col) {
    for (float v : from) {
      jacobian[at++][col] = v;
    }
    return at;
  }

  /**
   * Copies {@code from} row-major into column {@code col} of {@code jacobian}, from row {@code at}
   * down; returns the next free row.
   *
   * @param from the values, read
   * @param jacobian the matrix, column col written from row at down
   * @param at the first row to write
   * @param col the column to write
   * @return at plus the number of elements written
   */
  public static int putColumn(float[][] from, double[][] jacobian, int at, int col) {
    for (float[] r : from) {
      at = putColumn(r, jacobian, at, col);
    }
    return at;
  }

  /**
   * Copies {@code from} row-major into column {@code col} of {@code jacobian}, from row {@code at}
   * down; returns the next free row.
   *
   * @param from the values, read
   * @param jacobian the matrix, column col written from row at down
   * @param at the first row to write
   * @param col the column to write
   * @return at plus the number of elements written
   */
  public static int putColumn(double[][][] from, double[][] jacobian, int at, int col) {
    for (double[][] block : from) {
      at = putColumn(block, jacobian, at, col);
    }
    return at;
  }

  /**
   * Copies {@code from} row-major into column {@code col} of {@code jacobian}, from row {@code at}
   * down; returns the next free row.
   *
   * @param from the values, read
   * @param jacobian the matrix, column col written from row at down
   * @param at the first row to write
   * @param col the column to write
   * @return at plus the number of elements written
   */
  public static int putColumn(float[][][] from, double[][] jacobian, int at, int col) {
    for (float[][] block : from) {
      at = putColumn(block, jacobian, at, col);
    }
    return at;
  }

  /**
   * Throws unless {@code hessian} is an n x n matrix, for {@code hessian(args..., H)}.
   *
   * @param hessian the caller's matrix
   * @param n the required number of rows and columns
   * @param frame the frame's name, for the message
   * @throws IllegalArgumentException if hessian is null or not n x n
   */
  public static void requireSquare(double[][] hessian, int n, String frame) {
    boolean ok = hessian != null && hessian.length == n;
    for (int i = 0; ok && i < n; i++) {
      ok = hessian[i] != null && hessian[i].length == n;
    }
    if (!ok) {
      throw new IllegalArgumentException(frame + ": H must be a " + n + " x " + n
          + " matrix (differentiated inputs, flattened in declaration order)");
    }
  }

  /**
   * Checks that a caller's Jacobian has {@code rows x cols} entries.
   *
   * @param jacobian the caller's matrix
   * @param rows the required number of rows (outputs)
   * @param cols the required number of columns (differentiated inputs)
   * @param frame the frame's name, for the message
   * @throws IllegalArgumentException if jacobian is null or not rows x cols
   */
  public static void requireShape(double[][] jacobian, int rows, int cols, String frame) {
    boolean ok = jacobian != null && jacobian.length == rows;
    for (int i = 0; ok && i < rows; i++) {
      ok = jacobian[i] != null && jacobian[i].length == cols;
    }
    if (!ok) {
      throw new IllegalArgumentException(frame + ": J must be a " + rows + " x " + cols
          + " matrix (outputs x differentiated inputs, flattened in declaration order)");
    }
  }
}
