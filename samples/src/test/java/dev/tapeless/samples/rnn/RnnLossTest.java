package dev.tapeless.samples.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.runtime.AllocationMeter;
import dev.tapeless.runtime.GradCheck;
import dev.tapeless.runtime.Losses;
import dev.tapeless.runtime.train.Init;
import dev.tapeless.runtime.train.Parameters;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The generated BPTT gradient of the recurrent net: central finite differences agree with it at
 * random weights, the cost is the sum of the per-step cross entropies of an independent forward
 * pass, and a call allocates nothing after warm-up.
 */
class RnnLossTest {

  private static final EchoTask TASK = new EchoTask(9, 12, 4);

  /** A model with random weights and biases in one flat parameter vector, and its frame. */
  private static final class Setup {
    final RnnExample.Model model;
    final Parameters p;
    final RnnLoss_Grad.Loss frame = new RnnLoss_Grad.Loss();

    Setup(int hidden, long seed) {
      Random rng = new Random(seed);
      model = new RnnExample.Model(TASK.symbols(), hidden, rng);
      Init.normal(model.Wh, 0.4, rng); // larger than Xavier: a net far from linear
      Init.normal(model.bh, 0.5, rng);
      Init.normal(model.bo, 0.5, rng);
      p = new Parameters().add("Wi", model.Wi).add("Wh", model.Wh).add("bh", model.bh)
          .add("Wo", model.Wo).add("bo", model.bo);
      frame.dWi = p.matrixGradient("Wi");
      frame.dWh = p.matrixGradient("Wh");
      frame.dbh = p.vectorGradient("bh");
      frame.dWo = p.matrixGradient("Wo");
      frame.dbo = p.vectorGradient("bo");
    }

    double loss(EchoTask.Sequence s) {
      RnnExample.Model m = model;
      return RnnLoss.loss(m.Wi, m.Wh, m.bh, m.Wo, m.bo, s.x(), s.targets());
    }

    double valueAndGradient(EchoTask.Sequence s) {
      RnnExample.Model m = model;
      return frame.valueAndGradient(m.Wi, m.Wh, m.bh, m.Wo, m.bo, s.x(), s.targets());
    }
  }

  @Test
  void gradientMatchesFiniteDifferencesAtRandomWeights() {
    Setup setup = new Setup(16, 1);
    double[] flat = new double[setup.p.elementCount()];
    setup.p.copyTo(flat);
    for (EchoTask.Sequence s : TASK.sample(3, new Random(2))) {
      setup.valueAndGradient(s);
      double[] analytic = new double[flat.length];
      setup.p.copyGradientsTo(analytic);
      GradCheck.Report report = GradCheck.check(w -> {
        setup.p.copyFrom(w);
        return setup.loss(s);
      }, flat, analytic);
      setup.p.copyFrom(flat);
      report.assertWithin(1e-6);
    }
  }

  @Test
  void costIsTheSumOfPerStepCrossEntropies() {
    Setup setup = new Setup(8, 3);
    RnnExample.Model m = setup.model;
    int hidden = m.Wh.length;
    double[][] h = new double[TASK.steps() + 1][hidden];
    double[] logits = new double[TASK.symbols()];
    int[] predicted = new int[TASK.steps()];
    for (EchoTask.Sequence s : TASK.sample(5, new Random(4))) {
      // The formulation written out: hᵗ = tanh(Wⁱxᵗ + Wʰhᵗ⁻¹ + bʰ), yᵗ = softmax(Wᵒhᵗ + bᵒ).
      double[] previous = new double[hidden];
      double cost = 0;
      int[] argmax = new int[TASK.steps()];
      for (int t = 0; t < TASK.steps(); t++) {
        double[] state = new double[hidden];
        for (int i = 0; i < hidden; i++) {
          double z = m.bh[i] + m.Wi[i][s.inputs()[t]]; // Wⁱ times a one-hot xᵗ
          for (int j = 0; j < hidden; j++) {
            z += m.Wh[i][j] * previous[j];
          }
          state[i] = Math.tanh(z);
        }
        double[] y = new double[TASK.symbols()];
        for (int k = 0; k < y.length; k++) {
          y[k] = m.bo[k];
          for (int j = 0; j < hidden; j++) {
            y[k] += m.Wo[k][j] * state[j];
          }
          if (y[k] > y[argmax[t]]) {
            argmax[t] = k;
          }
        }
        cost += Losses.logSumExp(y) - y[s.targets()[t]];
        previous = state;
      }
      assertEquals(cost, setup.loss(s), 1e-12 * cost);
      assertEquals(cost, setup.valueAndGradient(s), 1e-12 * cost);
      RnnLoss.predict(m.Wi, m.Wh, m.bh, m.Wo, m.bo, s.x(), h, logits, predicted);
      assertArrayEquals(argmax, predicted);
    }
  }

  /** Keeps results alive so that the JIT cannot drop the calls. */
  private static volatile double sink;

  @Test
  void gradientAllocatesNothingAfterWarmUp() {
    Setup setup = new Setup(32, 5);
    EchoTask.Sequence s = TASK.sample(1, new Random(6))[0];
    Runnable calls = () -> {
      double total = 0;
      for (int i = 0; i < 200; i++) {
        total += setup.valueAndGradient(s);
      }
      sink = total;
    };
    AllocationMeter.assertAllocatesNothing("200 RNN gradient calls", calls);
  }
}
