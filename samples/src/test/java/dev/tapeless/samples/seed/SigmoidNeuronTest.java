package dev.tapeless.samples.seed;

import static dev.tapeless.samples.seed.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.runtime.GradCheck;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The sigmoid neuron: ∂C/∂w = (a − y)·x, ∂C/∂b = a − y, and gradient descent lowers C. */
class SigmoidNeuronTest {

  @Test
  void sigmoidDerivativeIsSigmaTimesOneMinusSigma() {
    SigmoidNeuron_Grad.Sigmoid frame = new SigmoidNeuron_Grad.Sigmoid();
    for (double z : new double[] {-4.0, -0.5, 0.0, 1.0, 3.0}) {
      double s = frame.valueAndGradient(z);
      assertClose(s * (1 - s), frame.dz, "σ'(" + z + ")");
    }
  }

  @Test
  void gradientIsActivationMinusTargetForBothTargets() {
    SigmoidNeuron_Grad.Loss frame = new SigmoidNeuron_Grad.Loss();
    double[][] wbx = {{2, 2, 1}, {-1, -0.5, 1.5}, {0.3, -0.2, -2.0}, {1.5, 0.0, 0.4}};
    for (double[] p : wbx) {
      for (int y = 0; y <= 1; y++) {
        double w = p[0];
        double b = p[1];
        double x = p[2];
        double a = SigmoidNeuron.activation(w, b, x);
        double loss = frame.valueAndGradient(w, b, x, y);
        assertClose(-(y * Math.log(a) + (1 - y) * Math.log(1 - a)), loss, "C");
        assertClose(SigmoidNeuron.byHandDcDw(w, b, x, y), frame.dw, "∂C/∂w");
        assertClose(SigmoidNeuron.byHandDcDb(w, b, x, y), frame.db, "∂C/∂b");
        assertClose((a - y) * x, frame.dw, "∂C/∂w written out");
      }
    }
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    SigmoidNeuron_Grad.Loss frame = new SigmoidNeuron_Grad.Loss();
    frame.valueAndGradient(0.4, -0.3, 1.2, 1);
    GradCheck.check(v -> SigmoidNeuron.loss(v[0], v[1], 1.2, 1), new double[] {0.4, -0.3},
        new double[] {frame.dw, frame.db}).assertWithin(1e-9);
  }

  @Test
  void gradientDescentLowersTheLossAtEveryStep() {
    double[] losses =
        SigmoidNeuron.train(new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8));
    assertEquals(SigmoidNeuron.STEPS + 1, losses.length);
    for (int i = 1; i < losses.length; i++) {
      assertTrue(losses[i] < losses[i - 1], "loss rose at step " + i + ": " + losses[i]);
    }
    assertTrue(losses[losses.length - 1] < losses[0] / 10, "loss fell less than tenfold");
  }
}
