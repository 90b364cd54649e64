package dev.tapeless.samples.mlp;

import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The minibatch MLP: its gradient is the mean of the per-example gradients of
 * {@link MlpLoss}'s frame (an independent path: matrix–vector kernels, one example at a time),
 * a step allocates nothing, and the demo trains to the accuracy of the per-example one.
 */
class MlpBatchTest {

  private static final Digits.Split SPLIT = Digits.split(Digits.load(), 0.8, 42);

  @Test
  void gradientIsTheMeanOfThePerExampleGradients() {
    Mlp m = new Mlp(17, new Random(3));
    int batch = 7;
    double[][] X = new double[batch][];
    int[] labels = new int[batch];
    for (int b = 0; b < batch; b++) {
      X[b] = SPLIT.train().images()[b];
      labels[b] = SPLIT.train().labels()[b];
    }
    MlpBatch_Grad.Loss batched = new MlpBatch_Grad.Loss();
    double value = batched.valueAndGradient(m.W1, m.b1, m.W2, m.b2, X, labels);

    MlpLoss_Grad.Loss single = new MlpLoss_Grad.Loss();
    single.parameters(m.W1, m.b1, m.W2, m.b2).zeroGradients();
    double sum = 0;
    for (int b = 0; b < batch; b++) {
      sum += single.accumulate(m.W1, m.b1, m.W2, m.b2, X[b], labels[b]);
    }
    assertEquals(sum / batch, value, 1e-13);
    assertClose(single.dW1, batched.dW1, batch);
    assertClose(single.dW2, batched.dW2, batch);
    assertClose(new double[][] {single.db1}, new double[][] {batched.db1}, batch);
    assertClose(new double[][] {single.db2}, new double[][] {batched.db2}, batch);
  }

  @Test
  void aStepAllocatesNothingAfterTheFirst() {
    Mlp m = new Mlp(64, new Random(4));
    double[][] X = new double[32][];
    int[] labels = new int[32];
    int[] order = new int[SPLIT.train().size()];
    java.util.Arrays.setAll(order, k -> k);
    MlpBatchDigits.fill(X, labels, SPLIT.train(), order, 0);
    MlpBatch_Grad.Loss frame = new MlpBatch_Grad.Loss();
    assertAllocatesNothing("MlpBatch valueAndGradient", () -> {
      for (int i = 0; i < 100; i++) {
        frame.valueAndGradient(m.W1, m.b1, m.W2, m.b2, X, labels);
      }
    });
  }

  @Test
  void theMinibatchDemoReachesNinetySixPercentOnTheTestSet() {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    MlpDigits.History h = MlpBatchDigits.train(SPLIT, MlpBatchDigits.DEFAULT,
        new PrintStream(text, true, StandardCharsets.UTF_8));
    System.out.print(text.toString(StandardCharsets.UTF_8));
    assertTrue(h.finalTestAccuracy() >= 0.96, "test accuracy " + h.finalTestAccuracy());
  }

  private static void assertClose(double[][] sum, double[][] mean, int batch) {
    for (int i = 0; i < sum.length; i++) {
      for (int j = 0; j < sum[i].length; j++) {
        double e = sum[i][j] / batch;
        assertEquals(e, mean[i][j], 1e-12 * Math.max(1, Math.abs(e)), "[" + i + "][" + j + "]");
      }
    }
  }
}
