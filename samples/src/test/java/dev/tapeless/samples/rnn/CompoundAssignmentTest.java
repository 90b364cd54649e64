package dev.tapeless.samples.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.Differentiable;
import dev.tapeless.runtime.Losses;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The line {@link RnnLoss} would naturally contain, {@code cost += Losses.softmaxCrossEntropy(...)}:
 * a compound assignment whose right side is a call reversed by a pullback (a runtime kernel or
 * another {@code @Differentiable} method). The processor of commit df8e762 keeps such a call
 * inside the {@code +=} store, where no pullback is run, so the gradient through it is silently
 * 0. Enable this test when that is fixed, and give RnnLoss its natural line back.
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
  @Disabled("processor drops the pullback of a call on the right of +=; see the class Javadoc")
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
