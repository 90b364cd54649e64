package dev.tapeless.runtime;

import static dev.tapeless.runtime.FloatKernelTest.toFloat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code Linear.matvecJvp}, which forward mode calls in place of {@code matvec} and its
 * pushforward: the same value and tangent bit for bit (so a jvp does not change by going through
 * it), for each combination of null tangents, in double and float, and the aliasing that one pass
 * cannot allow rejected with the parameters' names. And the products' blocking by rows
 * ({@code RowProducts}) against the one-row loop that defines them.
 */
class FusedJvpTest {

  private static double[][] matrix(Random r, int m, int n) {
    double[][] a = new double[m][n];
    for (double[] row : a) {
      for (int j = 0; j < n; j++) {
        row[j] = r.nextGaussian();
      }
    }
    return a;
  }

  private static double[] vector(Random r, int n) {
    return matrix(r, 1, n)[0];
  }

  /** The definition, one row at a time: {@code Σ_j a_j b_j} in index order from zero. */
  private static double oneRow(double[] a, double[] b) {
    double s = 0.0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }

  private static float oneRow(float[] a, float[] b) {
    float s = 0f;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }

  /** Four rows at a time changes no bit of the product or its tangent, whatever the row count. */
  @Test
  void blockedRowsGiveTheOneRowLoopsBitsInDoubleAndFloat() {
    Random r = new Random(13);
    for (int trial = 0; trial < 60; trial++) {
      int m = 1 + trial % 11;
      int n = r.nextInt(40);
      double[][] W = matrix(r, m, n);
      double[][] WDot = matrix(r, m, n);
      double[] x = vector(r, n);
      double[] xDot = vector(r, n);
      double[] y = new double[m];
      double[] yDot = new double[m];
      Linear.matvec(W, x, y);
      Linear.matvecPushforward(W, x, y, WDot, xDot, yDot);
      float[][] fW = toFloat(W);
      float[][] fWDot = toFloat(WDot);
      float[] fx = toFloat(x);
      float[] fxDot = toFloat(xDot);
      float[] fy = new float[m];
      float[] fyDot = new float[m];
      Linear.matvec(fW, fx, fy);
      Linear.matvecPushforward(fW, fx, fy, fWDot, fxDot, fyDot);
      for (int i = 0; i < m; i++) {
        assertEquals(Double.doubleToRawLongBits(oneRow(W[i], x)),
            Double.doubleToRawLongBits(y[i]));
        assertEquals(Double.doubleToRawLongBits(oneRow(WDot[i], x) + oneRow(W[i], xDot)),
            Double.doubleToRawLongBits(yDot[i]));
        assertEquals(Float.floatToRawIntBits(oneRow(fW[i], fx)), Float.floatToRawIntBits(fy[i]));
        assertEquals(Float.floatToRawIntBits(oneRow(fWDot[i], fx) + oneRow(fW[i], fxDot)),
            Float.floatToRawIntBits(fyDot[i]));
      }
    }
  }

  @Test
  void doubleMatvecJvpEqualsMatvecThenPushforwardBitForBit() {
    Random r = new Random(11);
    for (int trial = 0; trial < 40; trial++) {
      int m = 1 + r.nextInt(9);
      int n = r.nextInt(70);
      double[][] W = matrix(r, m, n);
      double[] x = vector(r, n);
      double[][] WDot = trial % 4 < 2 ? matrix(r, m, n) : null;
      double[] xDot = trial % 2 == 0 ? vector(r, n) : null;
      double[] y = new double[m];
      double[] yDot = new double[m];
      Linear.matvec(W, x, y);
      Linear.matvecPushforward(W, x, y, WDot, xDot, yDot);
      double[] fusedY = new double[m];
      double[] fusedYDot = new double[m];
      Arrays.fill(fusedYDot, Double.NaN); // set, not added to
      Linear.matvecJvp(W, x, fusedY, WDot, xDot, fusedYDot);
      for (int i = 0; i < m; i++) {
        assertEquals(Double.doubleToRawLongBits(y[i]), Double.doubleToRawLongBits(fusedY[i]));
        assertEquals(Double.doubleToRawLongBits(yDot[i]),
            Double.doubleToRawLongBits(fusedYDot[i]));
      }
    }
  }

  @Test
  void floatMatvecJvpEqualsMatvecThenPushforwardBitForBit() {
    Random r = new Random(12);
    for (int trial = 0; trial < 40; trial++) {
      int m = 1 + r.nextInt(9);
      int n = r.nextInt(70);
      float[][] W = toFloat(matrix(r, m, n));
      float[] x = toFloat(vector(r, n));
      float[][] WDot = trial % 4 < 2 ? toFloat(matrix(r, m, n)) : null;
      float[] xDot = trial % 2 == 0 ? toFloat(vector(r, n)) : null;
      float[] y = new float[m];
      float[] yDot = new float[m];
      Linear.matvec(W, x, y);
      Linear.matvecPushforward(W, x, y, WDot, xDot, yDot);
      float[] fusedY = new float[m];
      float[] fusedYDot = new float[m];
      Linear.matvecJvp(W, x, fusedY, WDot, xDot, fusedYDot);
      for (int i = 0; i < m; i++) {
        assertEquals(Float.floatToRawIntBits(y[i]), Float.floatToRawIntBits(fusedY[i]));
        assertEquals(Float.floatToRawIntBits(yDot[i]), Float.floatToRawIntBits(fusedYDot[i]));
      }
    }
  }

  @Test
  void rejectsOutputsThatTheOnePassWouldReadAfterWritingThem() {
    double[][] W = {{1, 2}, {3, 4}};
    double[][] WDot = {{0.5, 0}, {0, 0.5}};
    double[] x = {1, -1};
    double[] xDot = {0.25, 0.5};
    double[] y = new double[2];
    double[] yDot = new double[2];
    assertMessage("matvecJvp: yDot must not be the same array as y",
        () -> Linear.matvecJvp(W, x, y, WDot, xDot, y));
    assertMessage("matvecJvp: y must not be the same array as xDot",
        () -> Linear.matvecJvp(W, x, xDot, WDot, xDot, yDot));
    assertMessage("matvecJvp: y must not be the same array as WDot[1]",
        () -> Linear.matvecJvp(W, x, WDot[1], WDot, xDot, yDot));
    assertMessage("matvecJvp: y must not be the same array as x",
        () -> Linear.matvecJvp(W, x, x, WDot, xDot, yDot));
    assertMessage("matvecJvp: yDot must not be the same array as xDot",
        () -> Linear.matvecJvp(W, x, y, WDot, xDot, xDot));
    assertArrayEquals(new double[] {1, -1}, x, 0.0);
    assertArrayEquals(new double[] {0.25, 0.5}, xDot, 0.0);
  }

  private static void assertMessage(String expected, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().contains(expected), e::getMessage);
  }
}
