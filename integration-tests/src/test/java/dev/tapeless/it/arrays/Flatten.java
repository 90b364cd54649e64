package dev.tapeless.it.arrays;

/**
 * Scalars, vectors and (jagged) matrices as one flat vector, row-major in declaration order: the
 * layout of a Jacobian's rows and columns, and what the finite-difference checker perturbs.
 * Public for the second-order tests, which lay out Hessians the same way.
 */
public final class Flatten {
  private Flatten() {}

  public static int size(Object value) {
    if (value instanceof Double) {
      return 1;
    } else if (value instanceof double[] v) {
      return v.length;
    } else if (value instanceof double[][] m) {
      int n = 0;
      for (double[] row : m) {
        n += row.length;
      }
      return n;
    }
    throw new IllegalArgumentException("not a differentiable value: " + value);
  }

  /** The parts one after the other: {@code flat(g.dW, g.dx, g.dc)}. */
  public static double[] flat(Object... parts) {
    int n = 0;
    for (Object part : parts) {
      n += size(part);
    }
    double[] out = new double[n];
    int at = 0;
    for (Object part : parts) {
      at = put(part, out, at);
    }
    return out;
  }

  /** A matrix's elements, row-major (without this overload it would pass as the varargs). */
  public static double[] flat(double[][] matrix) {
    return flat((Object) matrix);
  }

  /** Copies {@code value} into {@code out} from {@code at}; returns the next position. */
  public static int put(Object value, double[] out, int at) {
    if (value instanceof Double d) {
      out[at] = d;
      return at + 1;
    } else if (value instanceof double[] v) {
      System.arraycopy(v, 0, out, at, v.length);
      return at + v.length;
    } else if (value instanceof double[][] m) {
      for (double[] row : m) {
        System.arraycopy(row, 0, out, at, row.length);
        at += row.length;
      }
      return at;
    }
    throw new IllegalArgumentException("not a differentiable value: " + value);
  }

  /**
   * {@code value} with its elements taken from {@code flat} at {@code at}: a new Double for a
   * scalar, arrays overwritten in place (and returned).
   */
  public static Object take(Object value, double[] flat, int at) {
    if (value instanceof Double) {
      return flat[at];
    } else if (value instanceof double[] v) {
      System.arraycopy(flat, at, v, 0, v.length);
      return v;
    } else if (value instanceof double[][] m) {
      for (double[] row : m) {
        System.arraycopy(flat, at, row, 0, row.length);
        at += row.length;
      }
      return m;
    }
    throw new IllegalArgumentException("not a differentiable value: " + value);
  }

  public static Object deepCopy(Object value) {
    if (value instanceof double[] v) {
      return v.clone();
    } else if (value instanceof int[] v) {
      return v.clone();
    } else if (value instanceof double[][] m) {
      double[][] copy = new double[m.length][];
      for (int i = 0; i < m.length; i++) {
        copy[i] = m[i].clone();
      }
      return copy;
    }
    return value;
  }

  /** An array of {@code value}'s shape filled with zeros. */
  public static Object zerosLike(Object value) {
    if (value instanceof double[] v) {
      return new double[v.length];
    } else if (value instanceof double[][] m) {
      double[][] z = new double[m.length][];
      for (int i = 0; i < m.length; i++) {
        z[i] = new double[m[i].length];
      }
      return z;
    }
    throw new IllegalArgumentException("not an array: " + value);
  }
}
