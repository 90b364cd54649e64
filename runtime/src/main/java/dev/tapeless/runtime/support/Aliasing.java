package dev.tapeless.runtime.support;

/**
 * Rejects calls that pass an output array also as another parameter: the forward sweep would
 * overwrite an input while reading it, and the gradient would silently be wrong.
 */
public final class Aliasing {
  private Aliasing() {}

  /**
   * Throws if {@code output} and {@code other} are the same array or, for {@code double[][]},
   * one is a row of the other or the two share a row.
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
    if (output == other || sharesRow(output, other) || sharesRow(other, output)) {
      throw new IllegalArgumentException(frame + ": the same array is passed as " + outputName
          + " (an @Out output) and as " + otherName + "; pass a separate array for " + outputName);
    }
  }

  private static boolean sharesRow(Object matrix, Object other) {
    if (matrix instanceof double[][] m) {
      for (double[] row : m) {
        if (row == other) {
          return true;
        }
        if (other instanceof double[][] o) {
          for (double[] r : o) {
            if (r == row) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }
}
