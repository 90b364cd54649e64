package dev.tapeless.runtime.support;

/**
 * Shape checks for adjoint arrays. A frame allocates an adjoint with its argument's shape and
 * reuses it while the shape stays; a caller may put in an array of its own (a slice of one flat
 * gradient buffer, say), and one of the wrong shape is an error naming the parameter.
 */
public final class Shapes {
  private Shapes() {}

  /**
   * Whether {@code a} and {@code b} are both non-null and have the same shape, row by row.
   *
   * @param a an array, or null
   * @param b another array, or null
   * @return true if both are present and of the same shape
   */
  public static boolean same(double[] a, double[] b) {
    return a != null && b != null && a.length == b.length;
  }

  /**
   * Whether {@code a} and {@code b} are both non-null and have the same shape, row by row.
   *
   * @param a an array, or null
   * @param b another array, or null
   * @return true if both are present and of the same shape
   */
  public static boolean same(double[][] a, double[][] b) {
    if (a == null || b == null || a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (a[i] == null || b[i] == null || a[i].length != b[i].length) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code a} and {@code b} are both non-null and have the same shape, row by row.
   *
   * @param a an array, or null
   * @param b another array, or null
   * @return true if both are present and of the same shape
   */
  public static boolean same(float[] a, float[] b) {
    return a != null && b != null && a.length == b.length;
  }

  /**
   * Whether {@code a} and {@code b} are both non-null and have the same shape, row by row.
   *
   * @param a an array, or null
   * @param b another array, or null
   * @return true if both are present and of the same shape
   */
  public static boolean same(float[][] a, float[][] b) {
    if (a == null || b == null || a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (a[i] == null || b[i] == null || a[i].length != b[i].length) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code a} and {@code b} are both non-null and have the same shape, row by row.
   *
   * @param a an array, or null
   * @param b another array, or null
   * @return true if both are present and of the same shape
   */
  public static boolean same(double[][][] a, double[][][] b) {
    if (a == null || b == null || a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (!same(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code a} and {@code b} are both non-null and have the same shape, row by row.
   *
   * @param a an array, or null
   * @param b another array, or null
   * @return true if both are present and of the same shape
   */
  public static boolean same(float[][][] a, float[][][] b) {
    if (a == null || b == null || a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (!same(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * The adjoint to use for {@code primal}: {@code current} if it has the shape, a new one if
   * {@code current} is absent or the frame's own ({@code owned}), else an error.
   *
   * @param current the adjoint field's array, or null
   * @param owned the array the frame allocated last, or null
   * @param primal the parameter's array, whose shape the adjoint takes
   * @param frame the frame's name, for the message
   * @param parameter the parameter's name, for the message
   * @return current, or a new zero-filled array of primal's shape
   * @throws IllegalArgumentException if current is a caller's array of another shape
   */
  public static double[] adjoint(double[] current, double[] owned, double[] primal,
      String frame, String parameter) {
    if (same(current, primal)) {
      return current;
    }
    if (current != null && current != owned) {
      throw wrongShape(frame, parameter, current.length + "", primal.length + "");
    }
    return new double[primal.length];
  }

  /**
   * The adjoint to use for {@code primal}: {@code current} if it has the shape, a new one if
   * {@code current} is absent or the frame's own ({@code owned}), else an error.
   *
   * @param current the adjoint field's array, or null
   * @param owned the array the frame allocated last, or null
   * @param primal the parameter's array, whose shape the adjoint takes
   * @param frame the frame's name, for the message
   * @param parameter the parameter's name, for the message
   * @return current, or a new zero-filled array of primal's shape
   * @throws IllegalArgumentException if current is a caller's array of another shape
   */
  public static double[][] adjoint(double[][] current, double[][] owned, double[][] primal,
      String frame, String parameter) {
    if (same(current, primal)) {
      return current;
    }
    if (current != null && current != owned) {
      throw wrongShape(frame, parameter, describe(current), describe(primal));
    }
    return Buffers.zerosLike(null, primal);
  }

  /**
   * The adjoint to use for {@code primal}: {@code current} if it has the shape, a new one if
   * {@code current} is absent or the frame's own ({@code owned}), else an error.
   *
   * @param current the adjoint field's array, or null
   * @param owned the array the frame allocated last, or null
   * @param primal the parameter's array, whose shape the adjoint takes
   * @param frame the frame's name, for the message
   * @param parameter the parameter's name, for the message
   * @return current, or a new zero-filled array of primal's shape
   * @throws IllegalArgumentException if current is a caller's array of another shape
   */
  public static float[] adjoint(float[] current, float[] owned, float[] primal,
      String frame, String parameter) {
    if (same(current, primal)) {
      return current;
    }
    if (current != null && current != owned) {
      throw wrongShape(frame, parameter, current.length + "", primal.length + "");
    }
    return new float[primal.length];
  }

  /**
   * The adjoint to use for {@code primal}: {@code current} if it has the shape, a new one if
   * {@code current} is absent or the frame's own ({@code owned}), else an error.
   *
   * @param current the adjoint field's array, or null
   * @param owned the array the frame allocated last, or null
   * @param primal the parameter's array, whose shape the adjoint takes
   * @param frame the frame's name, for the message
   * @param parameter the parameter's name, for the message
   * @return current, or a new zero-filled array of primal's shape
   * @throws IllegalArgumentException if current is a caller's array of another shape
   */
  public static float[][] adjoint(float[][] current, float[][] owned, float[][] primal,
      String frame, String parameter) {
    if (same(current, primal)) {
      return current;
    }
    if (current != null && current != owned) {
      throw wrongShape(frame, parameter, describe(current), describe(primal));
    }
    return Buffers.zerosLike(null, primal);
  }

  /**
   * The adjoint to use for {@code primal}: {@code current} if it has the shape, a new one if
   * {@code current} is absent or the frame's own ({@code owned}), else an error.
   *
   * @param current the adjoint field's array, or null
   * @param owned the array the frame allocated last, or null
   * @param primal the parameter's array, whose shape the adjoint takes
   * @param frame the frame's name, for the message
   * @param parameter the parameter's name, for the message
   * @return current, or a new zero-filled array of primal's shape
   * @throws IllegalArgumentException if current is a caller's array of another shape
   */
  public static double[][][] adjoint(double[][][] current, double[][][] owned,
      double[][][] primal, String frame, String parameter) {
    if (same(current, primal)) {
      return current;
    }
    if (current != null && current != owned) {
      throw wrongShape(frame, parameter, describe(current), describe(primal));
    }
    return Buffers.zerosLike(null, primal);
  }

  /**
   * The adjoint to use for {@code primal}: {@code current} if it has the shape, a new one if
   * {@code current} is absent or the frame's own ({@code owned}), else an error.
   *
   * @param current the adjoint field's array, or null
   * @param owned the array the frame allocated last, or null
   * @param primal the parameter's array, whose shape the adjoint takes
   * @param frame the frame's name, for the message
   * @param parameter the parameter's name, for the message
   * @return current, or a new zero-filled array of primal's shape
   * @throws IllegalArgumentException if current is a caller's array of another shape
   */
  public static float[][][] adjoint(float[][][] current, float[][][] owned, float[][][] primal,
      String frame, String parameter) {
    if (same(current, primal)) {
      return current;
    }
    if (current != null && current != owned) {
      throw wrongShape(frame, parameter, describe(current), describe(primal));
    }
    return Buffers.zerosLike(null, primal);
  }

  /**
   * Checks that a seed or output array has the shape of the parameter it belongs to.
   *
   * @param given the caller's array
   * @param expected an array of the required shape
   * @param frame the frame's name, for the message
   * @param name the parameter's name, for the message
   * @throws IllegalArgumentException if given is null or of another shape
   */
  public static void require(double[] given, double[] expected, String frame, String name) {
    if (!same(given, expected)) {
      throw wrongShape(frame, name, given == null ? "null" : given.length + "",
          expected.length + "");
    }
  }

  /**
   * Checks that a seed or output array has the shape of the parameter it belongs to.
   *
   * @param given the caller's array
   * @param expected an array of the required shape
   * @param frame the frame's name, for the message
   * @param name the parameter's name, for the message
   * @throws IllegalArgumentException if given is null or of another shape
   */
  public static void require(double[][] given, double[][] expected, String frame, String name) {
    if (!same(given, expected)) {
      throw wrongShape(frame, name, given == null ? "null" : describe(given), describe(expected));
    }
  }

  /**
   * Checks that a seed or output array has the shape of the parameter it belongs to.
   *
   * @param given the caller's array
   * @param expected an array of the required shape
   * @param frame the frame's name, for the message
   * @param name the parameter's name, for the message
   * @throws IllegalArgumentException if given is null or of another shape
   */
  public static void require(float[] given, float[] expected, String frame, String name) {
    if (!same(given, expected)) {
      throw wrongShape(frame, name, given == null ? "null" : given.length + "",
          expected.length + "");
    }
  }

  /**
   * Checks that a seed or output array has the shape of the parameter it belongs to.
   *
   * @param given the caller's array
   * @param expected an array of the required shape
   * @param frame the frame's name, for the message
   * @param name the parameter's name, for the message
   * @throws IllegalArgumentException if given is null or of another shape
   */
  public static void require(float[][] given, float[][] expected, String frame, String name) {
    if (!same(given, expected)) {
      throw wrongShape(frame, name, given == null ? "null" : describe(given), describe(expected));
    }
  }

  /**
   * Checks that a seed or output array has the shape of the parameter it belongs to.
   *
   * @param given the caller's array
   * @param expected an array of the required shape
   * @param frame the frame's name, for the message
   * @param name the parameter's name, for the message
   * @throws IllegalArgumentException if given is null or of another shape
   */
  public static void require(double[][][] given, double[][][] expected, String frame,
      String name) {
    if (!same(given, expected)) {
      throw wrongShape(frame, name, given == null ? "null" : describe(given), describe(expected));
    }
  }

  /**
   * Checks that a seed or output array has the shape of the parameter it belongs to.
   *
   * @param given the caller's array
   * @param expected an array of the required shape
   * @param frame the frame's name, for the message
   * @param name the parameter's name, for the message
   * @throws IllegalArgumentException if given is null or of another shape
   */
  public static void require(float[][][] given, float[][][] expected, String frame,
      String name) {
    if (!same(given, expected)) {
      throw wrongShape(frame, name, given == null ? "null" : describe(given), describe(expected));
    }
  }

  /**
   * Checks that a tangent given to {@code jvp} (null is allowed: a zero tangent) has the shape
   * of its parameter.
   *
   * @param given the caller's tangent, or null
   * @param expected the parameter's array
   * @param frame the frame's name, for the message
   * @param tangent the tangent's name, for the message
   * @param parameter the parameter's name, for the message
   * @throws IllegalArgumentException if given is not null and of another shape
   */
  public static void requireTangent(double[] given, double[] expected, String frame,
      String tangent, String parameter) {
    if (given != null && !same(given, expected)) {
      throw wrongTangent(frame, tangent, parameter, given.length + "", expected.length + "");
    }
  }

  /**
   * Checks that a tangent given to {@code jvp} (null is allowed: a zero tangent) has the shape of
   * its parameter.
   *
   * @param given the caller's tangent, or null
   * @param expected the parameter's array
   * @param frame the frame's name, for the message
   * @param tangent the tangent's name, for the message
   * @param parameter the parameter's name, for the message
   * @throws IllegalArgumentException if given is not null and of another shape
   */
  public static void requireTangent(double[][] given, double[][] expected, String frame,
      String tangent, String parameter) {
    if (given != null && !same(given, expected)) {
      throw wrongTangent(frame, tangent, parameter, describe(given), describe(expected));
    }
  }

  /**
   * Checks that a tangent given to {@code jvp} (null is allowed: a zero tangent) has the shape of
   * its parameter.
   *
   * @param given the caller's tangent, or null
   * @param expected the parameter's array
   * @param frame the frame's name, for the message
   * @param tangent the tangent's name, for the message
   * @param parameter the parameter's name, for the message
   * @throws IllegalArgumentException if given is not null and of another shape
   */
  public static void requireTangent(float[] given, float[] expected, String frame,
      String tangent, String parameter) {
    if (given != null && !same(given, expected)) {
      throw wrongTangent(frame, tangent, parameter, given.length + "", expected.length + "");
    }
  }

  /**
   * Checks that a tangent given to {@code jvp} (null is allowed: a zero tangent) has the shape of
   * its parameter.
   *
   * @param given the caller's tangent, or null
   * @param expected the parameter's array
   * @param frame the frame's name, for the message
   * @param tangent the tangent's name, for the message
   * @param parameter the parameter's name, for the message
   * @throws IllegalArgumentException if given is not null and of another shape
   */
  public static void requireTangent(float[][] given, float[][] expected, String frame,
      String tangent, String parameter) {
    if (given != null && !same(given, expected)) {
      throw wrongTangent(frame, tangent, parameter, describe(given), describe(expected));
    }
  }

  /**
   * Checks that a tangent given to {@code jvp} (null is allowed: a zero tangent) has the shape of
   * its parameter.
   *
   * @param given the caller's tangent, or null
   * @param expected the parameter's array
   * @param frame the frame's name, for the message
   * @param tangent the tangent's name, for the message
   * @param parameter the parameter's name, for the message
   * @throws IllegalArgumentException if given is not null and of another shape
   */
  public static void requireTangent(double[][][] given, double[][][] expected, String frame,
      String tangent, String parameter) {
    if (given != null && !same(given, expected)) {
      throw wrongTangent(frame, tangent, parameter, describe(given), describe(expected));
    }
  }

  /**
   * Checks that a tangent given to {@code jvp} (null is allowed: a zero tangent) has the shape of
   * its parameter.
   *
   * @param given the caller's tangent, or null
   * @param expected the parameter's array
   * @param frame the frame's name, for the message
   * @param tangent the tangent's name, for the message
   * @param parameter the parameter's name, for the message
   * @throws IllegalArgumentException if given is not null and of another shape
   */
  public static void requireTangent(float[][][] given, float[][][] expected, String frame,
      String tangent, String parameter) {
    if (given != null && !same(given, expected)) {
      throw wrongTangent(frame, tangent, parameter, describe(given), describe(expected));
    }
  }

  private static IllegalArgumentException wrongTangent(String frame, String tangent,
      String parameter, String given, String expected) {
    return new IllegalArgumentException(frame + ": " + tangent + " has shape " + given
        + " but parameter " + parameter + " has shape " + expected
        + "; pass an array of the parameter's shape, or null for a zero tangent");
  }

  private static IllegalArgumentException wrongShape(String frame, String parameter,
      String given, String expected) {
    return new IllegalArgumentException(frame + ": d" + parameter + " has shape " + given
        + " but parameter " + parameter + " has shape " + expected
        + "; assign an array of the parameter's shape, or null to let the frame allocate one");
  }

  static String describe(double[][] a) {
    int[] lengths = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      lengths[i] = a[i] == null ? -1 : a[i].length;
    }
    return describe(lengths);
  }

  static String describe(float[][] a) {
    int[] lengths = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      lengths[i] = a[i] == null ? -1 : a[i].length;
    }
    return describe(lengths);
  }

  /** {@code [rows][cols]}, or {@code [rows][jagged]}, from the rows' lengths (-1 for null). */
  private static String describe(int[] rowLengths) {
    if (rowLengths.length == 0) {
      return "[0][]";
    }
    int cols = rowLengths[0];
    for (int length : rowLengths) {
      if (length < 0 || length != cols) {
        return "[" + rowLengths.length + "][jagged]";
      }
    }
    return "[" + rowLengths.length + "][" + cols + "]";
  }

  /** {@code [n]} followed by the first block's shape, or jagged when the blocks differ. */
  static String describe(double[][][] a) {
    if (a.length == 0) {
      return "[0][][]";
    }
    for (double[][] block : a) {
      if (!same(block, a[0])) {
        return "[" + a.length + "][jagged][]";
      }
    }
    return "[" + a.length + "]" + describe(a[0]);
  }

  static String describe(float[][][] a) {
    if (a.length == 0) {
      return "[0][][]";
    }
    for (float[][] block : a) {
      if (!same(block, a[0])) {
        return "[" + a.length + "][jagged][]";
      }
    }
    return "[" + a.length + "]" + describe(a[0]);
  }
}
