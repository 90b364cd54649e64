package dev.tapeless.samples.lstm;

import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The float minibatch LSTM against the double one ({@link LstmBatch}) at the same point, the
 * float weights and inputs widened: loss and gradient to float precision; and no allocation
 * after the first call. Sizes are odd: 3 sequences of 4 steps, 2 inputs, H = 5.
 */
class LstmBatchFloatTest {

  private static final int B = 3;
  private static final int T = 4;
  private static final int IN = 2;
  private static final int H = 5;

  private final Random rng = new Random(6);
  private final float[][] W = matrix(4 * H, IN);
  private final float[][] U = matrix(4 * H, H);
  private final float[] b = vector(4 * H);
  private final float[] v = vector(H);
  private final float[] bY = vector(1);
  private final float[][][] xs = new float[T][][];
  private final float[] targets = vector(B);

  LstmBatchFloatTest() {
    for (int t = 0; t < T; t++) {
      xs[t] = matrix(B, IN);
    }
  }

  @Test
  void floatGradientAgreesWithTheDoubleGradientToFloatPrecision() {
    LstmBatchFloat_Grad.SequenceLoss f = new LstmBatchFloat_Grad.SequenceLoss();
    float loss = f.valueAndGradient(W, U, b, v, bY, xs, targets);
    assertEquals(LstmBatchFloat.sequenceLoss(W, U, b, v, bY, xs, targets), loss);
    double[][][] xsDouble = new double[T][][];
    for (int t = 0; t < T; t++) {
      xsDouble[t] = FloatWeights.widened(xs[t]);
    }
    LstmBatch_Grad.SequenceLoss d = new LstmBatch_Grad.SequenceLoss();
    double exact = d.valueAndGradient(FloatWeights.widened(W), FloatWeights.widened(U),
        FloatWeights.widened(b), FloatWeights.widened(v), FloatWeights.widened(bY), xsDouble,
        FloatWeights.widened(targets));
    assertEquals(exact, loss, 1e-5 * (1 + Math.abs(exact)));
    assertClose("dW", d.dW, f.dW);
    assertClose("dU", d.dU, f.dU);
    assertClose("db", new double[][] {d.db}, new float[][] {f.db});
    assertClose("dv", new double[][] {d.dv}, new float[][] {f.dv});
    assertClose("dbY", new double[][] {d.dbY}, new float[][] {f.dbY});
  }

  @Test
  void aCallAllocatesNothingAfterTheFirst() {
    LstmBatchFloat_Grad.SequenceLoss g = new LstmBatchFloat_Grad.SequenceLoss();
    assertAllocatesNothing("LstmBatchFloat valueAndGradient", () -> {
      for (int i = 0; i < 50; i++) {
        g.valueAndGradient(W, U, b, v, bY, xs, targets);
      }
    });
  }

  /** Elementwise to 1e-5 of the largest element: float rounding over 4 steps. */
  private static void assertClose(String name, double[][] expected, float[][] actual) {
    double scale = 0;
    for (double[] row : expected) {
      for (double x : row) {
        scale = Math.max(scale, Math.abs(x));
      }
    }
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        assertEquals(expected[i][j], actual[i][j], 1e-5 * scale,
            name + "[" + i + "][" + j + "]");
      }
    }
  }

  private float[] vector(int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (rng.nextDouble() - 0.5);
    }
    return a;
  }

  private float[][] matrix(int rows, int cols) {
    float[][] m = new float[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = vector(cols);
    }
    return m;
  }
}
