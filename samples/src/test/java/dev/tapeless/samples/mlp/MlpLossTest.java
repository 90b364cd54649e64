package dev.tapeless.samples.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.runtime.AllocationMeter;
import dev.tapeless.runtime.GradCheck;
import dev.tapeless.runtime.Losses;
import dev.tapeless.runtime.train.Init;
import dev.tapeless.runtime.train.Parameters;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The generated MLP gradient: central finite differences agree with it at random weights, the
 * loss is the softmax cross-entropy of the forward pass, and a call allocates nothing.
 */
class MlpLossTest {

  private static final Digits.Examples DIGITS = Digits.load();

  /** A model with random weights and biases, all registered in one flat parameter vector. */
  private static final class Setup {
    final Mlp model;
    final Parameters p;
    final MlpLoss_Grad.Loss frame = new MlpLoss_Grad.Loss();

    Setup(long seed) {
      Random rng = new Random(seed);
      model = new Mlp(64, rng);
      Init.normal(model.b1, 0.5, rng);
      Init.normal(model.b2, 0.5, rng);
      p = new Parameters().add("W1", model.W1).add("b1", model.b1).add("W2", model.W2)
          .add("b2", model.b2);
      frame.dW1 = p.matrixGradient("W1");
      frame.db1 = p.vectorGradient("b1");
      frame.dW2 = p.matrixGradient("W2");
      frame.db2 = p.vectorGradient("b2");
    }

    double loss(int k) {
      return MlpLoss.loss(model.W1, model.b1, model.W2, model.b2, DIGITS.images()[k],
          DIGITS.labels()[k]);
    }

    double[] gradient(int k) {
      frame.valueAndGradient(model.W1, model.b1, model.W2, model.b2, DIGITS.images()[k],
          DIGITS.labels()[k]);
      double[] g = new double[p.elementCount()];
      p.copyGradientsTo(g);
      return g;
    }
  }

  /**
   * A relative step of 1e-5: the loss is piecewise smooth (ReLU), so the stencil's truncation
   * error is no concern, and a small step keeps the perturbations away from the kink.
   */
  private static final GradCheck.Options STEP = GradCheck.Options.DEFAULT.withStep(1e-5);

  @Test
  void gradientMatchesFiniteDifferencesAtRandomWeights() {
    Setup s = new Setup(3);
    double[] flat = new double[s.p.elementCount()];
    s.p.copyTo(flat);
    for (int k : new int[] {0, 17, 1000}) {
      assertAwayFromTheReluKink(s.model, k);
      double[] analytic = s.gradient(k);
      GradCheck.Report report = GradCheck.check(w -> {
        s.p.copyFrom(w);
        return s.loss(k);
      }, flat, analytic, STEP);
      s.p.copyFrom(flat);
      report.assertWithin(1e-6);
    }
  }

  /**
   * ReLU has a kink at 0, where finite differences straddle two slopes. The check moves a
   * weight or bias by at most 2·1e-5·max(1, |w|), which moves a pre-activation by less than 1e-4
   * at these weights (|w| < 5) and pixels in [0, 1]; every unit must be farther than 1e-3 from 0
   * for the comparison to be meaningful.
   */
  private static void assertAwayFromTheReluKink(Mlp m, int k) {
    double[] z1 = new double[m.W1.length];
    MlpLoss.logits(m.W1, m.b1, m.W2, m.b2, DIGITS.images()[k], z1, new double[z1.length],
        new double[m.W2.length]);
    double closest = Double.POSITIVE_INFINITY;
    for (double z : z1) {
      closest = Math.min(closest, Math.abs(z));
    }
    assertTrue(closest > 1e-3, "a hidden unit is at " + closest + " from the kink");
  }

  @Test
  void lossIsTheSoftmaxCrossEntropyOfTheLogits() {
    Setup s = new Setup(5);
    Mlp m = s.model;
    double[] z2 = new double[10];
    for (int k = 0; k < 20; k++) {
      MlpLoss.logits(m.W1, m.b1, m.W2, m.b2, DIGITS.images()[k], new double[64],
          new double[64], z2);
      double expected = Losses.logSumExp(z2) - z2[DIGITS.labels()[k]];
      assertEquals(expected, s.loss(k), 1e-12 * Math.abs(expected));
      double value = s.frame.valueAndGradient(m.W1, m.b1, m.W2, m.b2, DIGITS.images()[k],
          DIGITS.labels()[k]);
      assertEquals(expected, value, 1e-12 * Math.abs(expected));
    }
  }

  @Test
  void accumulateSumsPerExampleGradients() {
    Setup s = new Setup(7);
    double[] g1 = s.gradient(1);
    double[] g2 = s.gradient(2);
    Mlp m = s.model;
    s.p.zeroGradients();
    s.frame.accumulate(m.W1, m.b1, m.W2, m.b2, DIGITS.images()[1], DIGITS.labels()[1]);
    s.frame.accumulate(m.W1, m.b1, m.W2, m.b2, DIGITS.images()[2], DIGITS.labels()[2]);
    double[] sum = new double[s.p.elementCount()];
    s.p.copyGradientsTo(sum);
    for (int i = 0; i < sum.length; i++) {
      assertEquals(g1[i] + g2[i], sum[i], 1e-12 * Math.max(1, Math.abs(sum[i])), "element " + i);
    }
  }

  /** Keeps results alive so that the JIT cannot drop the calls. */
  private static volatile double sink;

  @Test
  void perExampleGradientAllocatesNothingAfterWarmUp() {
    Setup s = new Setup(11);
    Mlp m = s.model;
    MlpLoss_Grad.Loss frame = s.frame;
    double[] image = DIGITS.images()[4];
    int label = DIGITS.labels()[4];
    Runnable calls = () -> {
      double total = 0;
      for (int i = 0; i < 1_000; i++) {
        total += frame.accumulate(m.W1, m.b1, m.W2, m.b2, image, label);
      }
      sink = total;
    };
    assertTrue(AllocationMeter.allocatedBy(() -> sink = new double[1000].length) > 0,
        "the counter sees an allocation");
    AllocationMeter.assertAllocatesNothing("1000 calls of MlpLoss_Grad.Loss.accumulate", calls);
  }
}
