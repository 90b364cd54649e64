package dev.tapeless.samples.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.Differentiable;
import dev.tapeless.runtime.Losses;
import org.junit.jupiter.api.Test;

/**
 * The line {@link RnnLoss} contains, {@code cost += Losses.softmaxCrossEntropy(...)}: a compound
 * assignment whose right side is a call reversed by a pullback. A regression test: one processor
 * version kept such a call inside the {@code +=} and silently dropped its gradient.
 */
class CompoundAssignmentTest {

  /** C = Σ_t CE(z_t, 0) with {@code +=}, as in the RNN's time loop. */
  @Differentiable
  static double summedCrossEntropy(double[][] z) {
    double cost = 0;
    for (int t = 0; t < z.length; t++) {
      cost += Losses.softmaxCrossEntropy(z[t], 0);
    }
    return cost;
  }

  @Test
  void compoundAssignmentOfAKernelCallIsDifferentiated() {
    double[][] z = {{0.5, -1.0, 2.0}};
    CompoundAssignmentTest_Grad.SummedCrossEntropy frame =
        new CompoundAssignmentTest_Grad.SummedCrossEntropy();
    frame.valueAndGradient(z);
    double sum = Math.exp(0.5) + Math.exp(-1.0) + Math.exp(2.0);
    // softmax(z) − onehot(0)
    assertEquals(Math.exp(0.5) / sum - 1, frame.dz[0][0], 1e-12);
    assertEquals(Math.exp(-1.0) / sum, frame.dz[0][1], 1e-12);
    assertEquals(Math.exp(2.0) / sum, frame.dz[0][2], 1e-12);
  }
}
