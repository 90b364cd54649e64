package dev.tapeless.samples.lstm;

import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.runtime.GradCheck;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The minibatch LSTM: its value and gradient are the means of {@link Lstm#sequenceLoss}'s over
 * the sequences (an independent path: per-sequence matrix–vector code), its gradient agrees with
 * central finite differences, and a call allocates nothing after the first. Sizes are odd: 3
 * sequences of 4 steps, 2 inputs, H = 5.
 */
class LstmBatchTest {

  private static final int B = 3;
  private static final int T = 4;
  private static final int IN = 2;
  private static final int H = 5;

  private final Random rng = new Random(5);
  private final double[][] W = matrix(4 * H, IN);
  private final double[][] U = matrix(4 * H, H);
  private final double[] b = vector(4 * H);
  private final double[] v = vector(H);
  private final double[] bY = vector(1);
  private final double[][][] xs = new double[T][][];
  private final double[] targets = vector(B);

  LstmBatchTest() {
    for (int t = 0; t < T; t++) {
      xs[t] = matrix(B, IN);
    }
  }

  @Test
  void valueAndGradientAreTheMeansOfThePerSequenceOnes() {
    LstmBatch_Grad.SequenceLoss batched = new LstmBatch_Grad.SequenceLoss();
    double value = batched.valueAndGradient(W, U, b, v, bY, xs, targets);
    double sum = 0;
    double[][] dW = new double[4 * H][IN];
    double[][] dU = new double[4 * H][H];
    double[] db = new double[4 * H];
    double[] dv = new double[H];
    double dbY = 0;
    for (int r = 0; r < B; r++) {
      double[][] seq = new double[T][];
      for (int t = 0; t < T; t++) {
        seq[t] = xs[t][r];
      }
      Lstm_Grad.SequenceLoss one = new Lstm_Grad.SequenceLoss();
      sum += one.valueAndGradient(W, U, b, v, bY, seq, targets[r]);
      add(dW, one.dW);
      add(dU, one.dU);
      add(new double[][] {db}, new double[][] {one.db});
      add(new double[][] {dv}, new double[][] {one.dv});
      dbY += one.dbY[0];
    }
    assertEquals(sum / B, value, 1e-14);
    assertMean(dW, batched.dW);
    assertMean(dU, batched.dU);
    assertMean(new double[][] {db}, new double[][] {batched.db});
    assertMean(new double[][] {dv}, new double[][] {batched.dv});
    assertEquals(dbY / B, batched.dbY[0], 1e-13);
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    LstmBatch_Grad.SequenceLoss g = new LstmBatch_Grad.SequenceLoss();
    g.valueAndGradient(W, U, b, v, bY, xs, targets);
    double[] p = concat(flat(W), flat(U), b, v, bY);
    double[] analytic = concat(flat(g.dW), flat(g.dU), g.db, g.dv, g.dbY);
    GradCheck.check(q -> {
      int[] k = {0};
      double[][] w = take(q, k, 4 * H, IN);
      double[][] u = take(q, k, 4 * H, H);
      double[] bb = take(q, k, 1, 4 * H)[0];
      double[] vv = take(q, k, 1, H)[0];
      double[] by = take(q, k, 1, 1)[0];
      return LstmBatch.sequenceLoss(w, u, bb, vv, by, xs, targets);
    }, p, analytic).assertWithin(1e-7);
  }

  @Test
  void aCallAllocatesNothingAfterTheFirst() {
    LstmBatch_Grad.SequenceLoss g = new LstmBatch_Grad.SequenceLoss();
    assertAllocatesNothing("LstmBatch valueAndGradient", () -> {
      for (int i = 0; i < 50; i++) {
        g.valueAndGradient(W, U, b, v, bY, xs, targets);
      }
    });
  }

  private static void add(double[][] into, double[][] m) {
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[i].length; j++) {
        into[i][j] += m[i][j];
      }
    }
  }

  private static void assertMean(double[][] sum, double[][] mean) {
    for (int i = 0; i < sum.length; i++) {
      for (int j = 0; j < sum[i].length; j++) {
        double e = sum[i][j] / B;
        assertEquals(e, mean[i][j], 1e-12 * Math.max(1, Math.abs(e)), "[" + i + "][" + j + "]");
      }
    }
  }

  private static double[][] take(double[] q, int[] k, int rows, int cols) {
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = q[k[0]++];
      }
    }
    return m;
  }

  private static double[] flat(double[][] m) {
    return concat(m);
  }

  private static double[] concat(double[]... parts) {
    int n = 0;
    for (double[] p : parts) {
      n += p.length;
    }
    double[] out = new double[n];
    int k = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, k, p.length);
      k += p.length;
    }
    return out;
  }

  private double[] vector(int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.nextDouble() - 0.5;
    }
    return a;
  }

  private double[][] matrix(int rows, int cols) {
    double[][] m = new double[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = vector(cols);
    }
    return m;
  }
}
