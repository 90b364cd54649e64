package dev.tapeless.it.arrays;

import dev.tapeless.Differentiable;
import dev.tapeless.Out;
import java.util.Arrays;

/**
 * Row variables: a local naming a row of a matrix ({@code double[] row = W[i]}) or a whole
 * array, read, written, moved to another row, looped over, passed on; the way people write
 * matrix code, with no copy and every derivative kept.
 */
public final class RowVariables {
  private RowVariables() {}

  /** A row taken in the loop and read by index and length. */
  @Differentiable
  public static double rowsRead(double[][] W, double[] x) {
    double total = 0;
    for (int i = 0; i < W.length; i++) {
      double[] row = W[i];
      double s = 0;
      for (int j = 0; j < row.length; j++) {
        s += row[j] * x[j];
      }
      total += Math.tanh(s) * (i + 1);
    }
    return total;
  }

  /** Enhanced for over the rows of a matrix and over each row. */
  @Differentiable
  public static double rowsLoopedOver(double[][] W, double[] x) {
    double total = 0;
    int i = 0;
    for (double[] row : W) {
      double s = 0;
      for (double w : row) {
        s += w * w;
      }
      total += Math.sqrt(s + 1) * x[i % x.length];
      i++;
    }
    for (double v : x) {
      total += v * v * v;
    }
    return total;
  }

  /** Rows of a local matrix written through row variables, then read back through others. */
  @Differentiable
  public static double rowsWritten(double[][] W, double[] x) {
    double[][] H = new double[W.length][x.length];
    for (int i = 0; i < W.length; i++) {
      double[] h = H[i];
      double[] w = W[i];
      for (int j = 0; j < h.length; j++) {
        h[j] = Math.sin(w[j] * x[j]);
        h[j] *= w[j];
      }
    }
    double s = 0;
    for (double[] h : H) {
      for (int j = 0; j < h.length; j++) {
        s += h[j] * h[j] + h[j];
      }
    }
    return s;
  }

  /** A row variable moved along the matrix: each step reads the previous row and the next. */
  @Differentiable
  public static double rowMoved(double[][] W) {
    double[] prev = W[0];
    double s = 0;
    for (int t = 1; t < W.length; t++) {
      double[] cur = W[t];
      for (int j = 0; j < cur.length; j++) {
        s += prev[j] * cur[j] * Math.exp(-0.1 * t);
      }
      prev = W[t];
    }
    for (int j = 0; j < prev.length; j++) {
      s += prev[j] * prev[j];
    }
    return s;
  }

  /** A row chosen by data, inside a loop that may end early. */
  @Differentiable
  public static double rowsByIndex(double[][] W, double[] x, int[] pick) {
    double s = 0;
    int k = 0;
    while (k < pick.length) {
      double[] row = W[pick[k]];
      double d = row[0] - x[k % x.length];
      if (d * d > 9) {
        break;
      }
      s += d * d * row[row.length - 1];
      k++;
    }
    return s;
  }

  /** Row variables handed to a differentiated callee, filled, copied and cloned. */
  @Differentiable
  public static double rowsPassedOn(double[][] W, double[] x) {
    double[][] H = new double[W.length][x.length];
    double s = 0;
    for (int i = 0; i < W.length; i++) {
      double[] w = W[i];
      double[] h = H[i];
      Arrays.fill(h, 0.5);
      System.arraycopy(w, 0, h, 0, h.length - 1);
      s += dot(h, x) + dot(w, h);
    }
    double[] last = H[H.length - 1];
    double[] copy = last.clone();
    return s + dot(copy, copy);
  }

  /** The dot product of two vectors of one length. */
  @Differentiable
  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }

  /** Slices of a local three-dimensional array, and rows of the slices. */
  @Differentiable
  public static double slices(double[][] W, double[] x) {
    double[][][] T = new double[2][W.length][x.length];
    for (int b = 0; b < 2; b++) {
      double[][] slice = T[b];
      for (int i = 0; i < W.length; i++) {
        double[] r = slice[i];
        for (int j = 0; j < x.length; j++) {
          r[j] = W[i][j] * (b == 0 ? x[j] : x[j] * x[j]);
        }
      }
    }
    double s = 0;
    for (double[][] slice : T) {
      for (double[] r : slice) {
        s += dot(r, r);
      }
    }
    return s;
  }

  /** An output written through row variables. */
  @Differentiable
  public static void rowsOut(double[][] W, double[] x, @Out double[][] Y) {
    for (int i = 0; i < W.length; i++) {
      double[] y = Y[i];
      double[] w = W[i];
      for (int j = 0; j < y.length; j++) {
        y[j] = w[j] * Math.cos(x[j]);
      }
    }
  }
}
