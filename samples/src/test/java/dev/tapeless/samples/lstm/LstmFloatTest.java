package dev.tapeless.samples.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.runtime.train.Adam;
import dev.tapeless.runtime.train.Parameters;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The float LSTM against the double one at the same point (the float weights and inputs,
 * widened): its loss and gradient agree to float precision over 50 steps of backpropagation
 * through time, its {@code hvp} too; and it trains with float Adam. (Its allocation is tested
 * in LstmAllocationTest.)
 */
class LstmFloatTest {

  private static final int STEPS = 50;
  private static final int HIDDEN = 16;

  private final Random rng = new Random(5);
  private final SequenceModel model = SequenceModel.lstm(2, HIDDEN, rng);
  private final double[][] xsDouble = new double[STEPS][2];
  private final double targetDouble = AddingProblem.fill(xsDouble, rng);

  private final float[][] w = FloatWeights.of(model.W);
  private final float[][] u = FloatWeights.of(model.U);
  private final float[] b = FloatWeights.of(model.b);
  private final float[] v = FloatWeights.of(model.v);
  private final float[] bY = FloatWeights.of(model.bY);
  private final float[][] xs = FloatWeights.of(xsDouble);
  private final float target = (float) targetDouble;

  @Test
  void floatGradientAgreesWithTheDoubleGradientToFloatPrecision() {
    LstmFloat_Grad.SequenceLoss f = new LstmFloat_Grad.SequenceLoss();
    float loss = f.valueAndGradient(w, u, b, v, bY, xs, target);
    assertEquals(LstmFloat.sequenceLoss(w, u, b, v, bY, xs, target), loss);
    Lstm_Grad.SequenceLoss d = new Lstm_Grad.SequenceLoss();
    double exact = d.valueAndGradient(FloatWeights.widened(w), FloatWeights.widened(u),
        FloatWeights.widened(b), FloatWeights.widened(v), FloatWeights.widened(bY),
        FloatWeights.widened(xs), target);
    assertEquals(exact, loss, 1e-5 * (1 + Math.abs(exact)));
    assertClose("dW", d.dW, f.dW);
    assertClose("dU", d.dU, f.dU);
    assertClose("db", new double[][] {d.db}, new float[][] {f.db});
    assertClose("dv", new double[][] {d.dv}, new float[][] {f.dv});
    assertClose("dbY", new double[][] {d.dbY}, new float[][] {f.dbY});
  }

  @Test
  void floatHvpAgreesWithTheDoubleHvp() {
    float[][] dw = FloatWeights.of(direction(model.W));
    float[][] du = FloatWeights.of(direction(model.U));
    LstmFloat_Grad.SequenceLoss f = new LstmFloat_Grad.SequenceLoss();
    f.hvp(w, u, b, v, bY, xs, target, dw, du, null, null, null);
    Lstm_Grad.SequenceLoss d = new Lstm_Grad.SequenceLoss();
    d.hvp(FloatWeights.widened(w), FloatWeights.widened(u), FloatWeights.widened(b),
        FloatWeights.widened(v), FloatWeights.widened(bY), FloatWeights.widened(xs), target,
        FloatWeights.widened(dw), FloatWeights.widened(du), null, null, null);
    assertClose("hvp dW", d.dW, f.dW);
    assertClose("hvp dU", d.dU, f.dU);
    assertClose("hvp dv", new double[][] {d.dv}, new float[][] {f.dv});
  }

  /**
   * Training in float end to end: the frame's float gradients registered with
   * {@link Parameters}, float Adam, the adding problem with T = 10 as in TrainingTest.
   */
  @Test
  void floatLstmLearnsTheAddingProblemWithFloatAdam() {
    Random init = new Random(3);
    SequenceModel start = SequenceModel.lstm(2, 8, init);
    float[][] fw = FloatWeights.of(start.W);
    float[][] fu = FloatWeights.of(start.U);
    float[] fb = FloatWeights.of(start.b);
    float[] fv = FloatWeights.of(start.v);
    float[] fbY = FloatWeights.of(start.bY);
    LstmFloat_Grad.SequenceLoss frame = new LstmFloat_Grad.SequenceLoss();
    Parameters p = new Parameters().add("W", fw).add("U", fu).add("b", fb).add("v", fv)
        .add("bY", fbY);
    frame.dW = p.floatMatrixGradient("W");
    frame.dU = p.floatMatrixGradient("U");
    frame.db = p.floatVectorGradient("b");
    frame.dv = p.floatVectorGradient("v");
    frame.dbY = p.floatVectorGradient("bY");
    Adam adam = new Adam(p, 0.01);
    Random data = new Random(3);
    float[][][] test = new float[200][][];
    float[] testTargets = new float[test.length];
    for (int i = 0; i < test.length; i++) {
      double[][] xsTest = new double[10][2];
      testTargets[i] = (float) AddingProblem.fill(xsTest, data);
      test[i] = FloatWeights.of(xsTest);
    }
    double before = meanLoss(fw, fu, fb, fv, fbY, test, testTargets);
    double[][] batch = new double[10][2];
    for (int update = 0; update < 600; update++) {
      p.zeroGradients();
      for (int i = 0; i < 16; i++) {
        float t = (float) AddingProblem.fill(batch, data);
        frame.accumulate(fw, fu, fb, fv, fbY, FloatWeights.of(batch), t);
      }
      p.clipGradientNorm(16.0);
      adam.step();
    }
    double after = meanLoss(fw, fu, fb, fv, fbY, test, testTargets);
    assertTrue(after < 0.02 && after < before / 20,
        "float LSTM: test MSE " + before + " -> " + after);
  }

  private static double meanLoss(float[][] w, float[][] u, float[] b, float[] v, float[] bY,
      float[][][] inputs, float[] targets) {
    double sum = 0;
    for (int i = 0; i < inputs.length; i++) {
      sum += LstmFloat.sequenceLoss(w, u, b, v, bY, inputs[i], targets[i]);
    }
    return sum / inputs.length;
  }

  private double[][] direction(double[][] shape) {
    double[][] out = new double[shape.length][shape[0].length];
    for (double[] row : out) {
      for (int j = 0; j < row.length; j++) {
        row[j] = rng.nextGaussian();
      }
    }
    return out;
  }

  /** Elementwise to 1e-3 of the largest element: float rounding over 50 steps of BPTT. */
  private static void assertClose(String name, double[][] expected, float[][] actual) {
    double scale = 0;
    for (double[] row : expected) {
      for (double x : row) {
        scale = Math.max(scale, Math.abs(x));
      }
    }
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        worst = Math.max(worst, Math.abs(expected[i][j] - actual[i][j]));
      }
    }
    double relative = worst / Math.max(scale, 1e-30);
    assertTrue(relative < 1e-3, name + ": float differs from double by " + relative
        + " of the largest element " + scale);
  }
}
