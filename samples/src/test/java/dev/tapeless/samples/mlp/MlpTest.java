package dev.tapeless.samples.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.runtime.AllocationMeter;
import dev.tapeless.runtime.GradCheck;
import dev.tapeless.runtime.train.Adam;
import dev.tapeless.runtime.train.Init;
import dev.tapeless.runtime.train.Parameters;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The digits network as a model class: the generated {@code Mlp_Grad.Loss} takes the object,
 * its gradient matches finite differences and the static {@link MlpLoss} frame,
 * {@code parameters(mlp)} registers exactly the four weight fields with the frame's own gradient
 * arrays, Adam steps through them lower the loss, and a call allocates nothing after warm-up.
 */
class MlpTest {

  private static final Digits.Examples DIGITS = Digits.load();

  /** A network with random weights and random (not zero) biases. */
  private static Mlp mlp(long seed) {
    Random rng = new Random(seed);
    Mlp m = new Mlp(64, rng);
    Init.normal(m.b1, 0.5, rng);
    Init.normal(m.b2, 0.5, rng);
    return m;
  }

  @Test
  void parametersRegisterExactlyTheWeightFieldsWithTheFramesGradients() {
    Mlp m = mlp(1);
    Mlp_Grad.Loss frame = new Mlp_Grad.Loss();
    Parameters p = frame.parameters(m);

    assertEquals(4, p.parameterCount());
    assertArrayEquals(new String[] {"W1", "b1", "W2", "b2"},
        new String[] {p.name(0), p.name(1), p.name(2), p.name(3)});
    assertEquals(64 * 64 + 64 + 10 * 64 + 10, p.elementCount());
    assertSame(frame.dW1, p.matrixGradient("W1"));
    assertSame(frame.db1, p.vectorGradient("b1"));
    assertSame(frame.dW2, p.matrixGradient("W2"));
    assertSame(frame.db2, p.vectorGradient("b2"));

    // Rows in registration order: the model's own arrays (not copies) beside the frame's.
    int row = 0;
    for (int i = 0; i < m.W1.length; i++, row++) {
      assertSame(m.W1[i], p.valueRow(row));
      assertSame(frame.dW1[i], p.gradientRow(row));
    }
    assertSame(m.b1, p.valueRow(row));
    assertSame(frame.db1, p.gradientRow(row++));
    for (int k = 0; k < m.W2.length; k++, row++) {
      assertSame(m.W2[k], p.valueRow(row));
      assertSame(frame.dW2[k], p.gradientRow(row));
    }
    assertSame(m.b2, p.valueRow(row));
    assertSame(frame.db2, p.gradientRow(row++));
    assertEquals(p.rowCount(), row);

    // What the frame writes is what the parameters see, and later calls keep the arrays.
    frame.valueAndGradient(m, DIGITS.images()[0], DIGITS.labels()[0]);
    assertSame(frame.dW1, p.matrixGradient("W1"));
    assertTrue(p.gradientNorm() > 0, "the registered gradient is the frame's");
  }

  /** A relative step of 1e-5, small enough to stay on one side of every ReLU kink (checked). */
  private static final GradCheck.Options STEP = GradCheck.Options.DEFAULT.withStep(1e-5);

  @Test
  void gradientMatchesFiniteDifferences() {
    Mlp m = mlp(3);
    Mlp_Grad.Loss frame = new Mlp_Grad.Loss();
    Parameters p = frame.parameters(m);
    double[] flat = new double[p.elementCount()];
    p.copyTo(flat);
    for (int k : new int[] {0, 17, 1000}) {
      double[] x = DIGITS.images()[k];
      int label = DIGITS.labels()[k];
      assertAwayFromTheReluKink(m, x);
      double value = frame.valueAndGradient(m, x, label);
      assertEquals(m.loss(x, label), value, 1e-12 * Math.abs(value));
      double[] analytic = new double[p.elementCount()];
      p.copyGradientsTo(analytic);
      GradCheck.Report report = GradCheck.check(w -> {
        p.copyFrom(w); // moves the model's own weights
        return m.loss(x, label);
      }, flat, analytic, STEP);
      p.copyFrom(flat);
      report.assertWithin(1e-6);
    }
  }

  /**
   * The check moves a weight by at most 2·1e-5·max(1, |w|), a hidden pre-activation by less
   * than 1e-4; every unit must be farther than 1e-3 from ReLU's kink at 0.
   */
  private static void assertAwayFromTheReluKink(Mlp m, double[] x) {
    double[] z1 = new double[m.W1.length];
    m.logits(x, z1, new double[z1.length], new double[m.W2.length]);
    double closest = Double.POSITIVE_INFINITY;
    for (double z : z1) {
      closest = Math.min(closest, Math.abs(z));
    }
    assertTrue(closest > 1e-3, "a hidden unit is at " + closest + " from the kink");
  }

  @Test
  void gradientIsTheStaticFormsBitForBit() {
    Mlp m = mlp(5);
    Mlp_Grad.Loss model = new Mlp_Grad.Loss();
    MlpLoss_Grad.Loss plain = new MlpLoss_Grad.Loss();
    for (int k = 0; k < 5; k++) {
      double[] x = DIGITS.images()[k];
      int label = DIGITS.labels()[k];
      assertEquals(plain.valueAndGradient(m.W1, m.b1, m.W2, m.b2, x, label),
          model.valueAndGradient(m, x, label));
      for (int i = 0; i < m.W1.length; i++) {
        assertArrayEquals(plain.dW1[i], model.dW1[i]);
      }
      assertArrayEquals(plain.db1, model.db1);
      for (int j = 0; j < m.W2.length; j++) {
        assertArrayEquals(plain.dW2[j], model.dW2[j]);
      }
      assertArrayEquals(plain.db2, model.db2);
    }
  }

  private static double meanLoss(Mlp m, int from, int count) {
    double sum = 0;
    for (int k = from; k < from + count; k++) {
      sum += m.loss(DIGITS.images()[k], DIGITS.labels()[k]);
    }
    return sum / count;
  }

  @Test
  void aFewAdamStepsThroughTheParametersLowerTheLoss() {
    Mlp m = new Mlp(32, new Random(7));
    Mlp_Grad.Loss frame = new Mlp_Grad.Loss();
    Parameters p = frame.parameters(m);
    Adam adam = new Adam(p, 0.01);
    double before = meanLoss(m, 0, 64);
    for (int step = 0; step < 10; step++) {
      p.zeroGradients();
      for (int k = 0; k < 64; k++) {
        frame.accumulate(m, DIGITS.images()[k], DIGITS.labels()[k]);
      }
      MlpDigits.scaleGradients(p, 1.0 / 64);
      adam.step();
    }
    double after = meanLoss(m, 0, 64);
    assertTrue(after < 0.5 * before, "mean loss " + before + " -> " + after);
  }

  /** Keeps results alive so that the JIT cannot drop the calls. */
  private static volatile double sink;

  @Test
  void perExampleGradientAllocatesNothingAfterWarmUp() {
    Mlp m = mlp(11);
    Mlp_Grad.Loss frame = new Mlp_Grad.Loss();
    Parameters p = frame.parameters(m);
    double[] image = DIGITS.images()[4];
    int label = DIGITS.labels()[4];
    assertTrue(AllocationMeter.allocatedBy(() -> sink = new double[1000].length) > 0,
        "the counter sees an allocation");
    AllocationMeter.assertAllocatesNothing("1000 calls of Mlp_Grad.Loss.accumulate", () -> {
      p.zeroGradients();
      double total = 0;
      for (int i = 0; i < 1_000; i++) {
        total += frame.accumulate(m, image, label);
      }
      sink = total;
    });
  }
}
