package dev.tapeless.runtime.support;

/**
 * Rejects calls that pass an output array also as another parameter: the forward sweep would
 * overwrite an input while reading it, and the gradient would silently be wrong.
 */
public final class Aliasing {
  private Aliasing() {}

  /**
   * Throws if {@code output} and {@code other} share storage: they are the same array, one
   * holds the other (a row of a matrix, a matrix of a {@code [][][]} array) or the two hold a
   * common row, for arrays of {@code double} and {@code float} of any rank.
   *
   * @param frame the frame's name, for the message
   * @param output the {@code @Out} array; null skips the check
   * @param outputName its parameter name
   * @param other another array argument; null skips the check
   * @param otherName its parameter name
   * @throws IllegalArgumentException if the two share storage
   */
  public static void check(String frame, Object output, String outputName, Object other,
      String otherName) {
    if (output == null || other == null) {
      return;
    }
    if (overlaps(output, other)) {
      throw new IllegalArgumentException(frame + ": the same array is passed as " + outputName
          + " (an @Out output) and as " + otherName + "; pass a separate array for " + outputName);
    }
  }

  /** Whether {@code a} or any array it holds, at any depth, is also held by {@code b}. */
  private static boolean overlaps(Object a, Object b) {
    if (holds(b, a)) {
      return true;
    }
    if (a instanceof Object[] rows) {
      for (Object row : rows) {
        if (row != null && overlaps(row, b)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code x} is {@code container} or an array it holds, at any depth. */
  private static boolean holds(Object container, Object x) {
    if (container == x) {
      return true;
    }
    if (container instanceof Object[] rows) {
      for (Object row : rows) {
        if (row != null && holds(row, x)) {
          return true;
        }
      }
    }
    return false;
  }
}
