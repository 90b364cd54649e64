package dev.tapeless.it.arrays;

import dev.tapeless.Differentiable;

/**
 * A local array filled at the top of a loop's body from data nothing changes (the GMM's
 * {@code xcentered}): the backward sweep fills it again for each reversed iteration instead of
 * saving and restoring every element. Beside it the same program with the fill reading a row
 * alias, which keeps the saves: both must give the same gradient, bit for bit.
 */
public final class Refills {
  private Refills() {}

  /** Weighted squared distances of every point to every mean, through one buffer. */
  @Differentiable
  public static double centeredSquares(double[][] means, double[][] x, double[] w) {
    int d = means[0].length;
    double[] xc = new double[d];
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      for (int c = 0; c < means.length; c++) {
        for (int j = 0; j < d; j++) {
          xc[j] = x[i][j] - means[c][j];
        }
        for (int j = 0; j < d; j++) {
          sum += w[j] * xc[j] * xc[j];
        }
      }
    }
    return sum;
  }

  /**
   * {@link #centeredSquares} with the mean scaled by a local set in the loop (to 1, exactly):
   * the fill reads a value the loop assigns, so it is saved, not refilled.
   */
  @Differentiable
  public static double centeredSquaresSaved(double[][] means, double[][] x, double[] w) {
    int d = means[0].length;
    double[] xc = new double[d];
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      for (int c = 0; c < means.length; c++) {
        double one = 1.0;
        for (int j = 0; j < d; j++) {
          xc[j] = x[i][j] - means[c][j] * one;
        }
        for (int j = 0; j < d; j++) {
          sum += w[j] * xc[j] * xc[j];
        }
      }
    }
    return sum;
  }

  /**
   * A fill whose values read a scalar the loop changes ({@code shift}): refilling would use the
   * last value, so it is saved.
   */
  @Differentiable
  public static double shiftedSquares(double[] mu, double[][] x) {
    int d = mu.length;
    double[] xc = new double[d];
    double sum = 0;
    double shift = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < d; j++) {
        xc[j] = x[i][j] - mu[j] * shift;
      }
      for (int j = 0; j < d; j++) {
        sum += xc[j] * xc[j];
      }
      shift += 0.5;
    }
    return sum;
  }
}
