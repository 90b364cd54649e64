package dev.tapeless.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdamTest {

  @Test
  void adamReachesTheMinimumOfAQuadratic() {
    Quadratic q = new Quadratic();
    Adam adam = new Adam(q.parameters, 0.1);
    for (int step = 0; step < 3000; step++) {
      q.gradient();
      adam.step();
    }
    assertEquals(3000, adam.steps());
    assertTrue(q.maxError() < 1e-6, "error " + q.maxError());
  }

  @Test
  void theFirstStepIsTheLearningRateTimesTheSignOfTheGradient() {
    double[] g0 = {0.25, -3.0, 1e4, -0.1, 0.0, 1e-3};
    double[] w = {1, 2, 3, 4, 5, 6};
    double[] w0 = w.clone();
    Parameters p = new Parameters().add("w", w);
    System.arraycopy(g0, 0, p.vectorGradient("w"), 0, g0.length);
    double lr = 0.01;
    new Adam(p, lr).step();
    for (int i = 0; i < w.length; i++) {
      // lr·g/(|g| + ε) with ε = 1e-8 is off from lr·sign(g) by lr·ε/(|g| + ε); allow twice
      // that, plus rounding of w.
      double tolerance = g0[i] == 0 ? 0 : 2 * lr * 1e-8 / Math.abs(g0[i]) + 1e-15;
      assertEquals(w0[i] - lr * Math.signum(g0[i]), w[i], tolerance, "element " + i);
    }
  }

  @Test
  void twoStepsMatchTheFormulaByHand() {
    double[] w = {0.5};
    Parameters p = new Parameters().add("w", w);
    double[] g = p.vectorGradient("w");
    Adam adam = new Adam(p, 0.1, 0.8, 0.99, 1e-8);
    g[0] = 1.0;
    adam.step();
    // m̂1 = 1, v̂1 = 1
    double w1 = 0.5 - 0.1 * 1.0 / (1.0 + 1e-8);
    assertEquals(w1, w[0], 1e-15);
    g[0] = -0.5;
    adam.step();
    // m2 = 0.8·0.2 + 0.2·(−0.5) = 0.06, bias-corrected 0.06/0.36
    // v2 = 0.99·0.01 + 0.01·0.25 = 0.0124, bias-corrected 0.0124/0.0199
    double mHat = 0.06 / 0.36;
    double vHat = 0.0124 / 0.0199;
    assertEquals(w1 - 0.1 * mHat / (Math.sqrt(vHat) + 1e-8), w[0], 1e-14);
    assertEquals(2, adam.steps());
  }

  @Test
  void theLearningRateCanChangeBetweenSteps() {
    double[] w = {0.0};
    Parameters p = new Parameters().add("w", w);
    p.vectorGradient("w")[0] = 1.0;
    Adam adam = new Adam(p, 0.1);
    adam.step();
    adam.setLearningRate(0.01);
    adam.step();
    // A constant gradient keeps m̂/sqrt(v̂) = 1, so each step is its learning rate.
    assertEquals(0.01, adam.learningRate());
    assertEquals(-0.11, w[0], 1e-8);
  }

  @Test
  void parametersAddedAfterTheOptimizerAreAnError() {
    Parameters p = new Parameters().add("w", new double[2]);
    Adam adam = new Adam(p, 0.1);
    p.add("v", new double[1]);
    assertThrows(IllegalStateException.class, adam::step);
    assertEquals(0, adam.steps());
  }

  @Test
  void hyperparametersAreChecked() {
    Parameters p = new Parameters().add("w", new double[1]);
    IllegalArgumentException beta = assertThrows(IllegalArgumentException.class,
        () -> new Adam(p, 0.1, 0.9, 1.0, 1e-8));
    assertEquals("Adam: beta2 must be in [0, 1), was 1.0", beta.getMessage());
    IllegalArgumentException eps = assertThrows(IllegalArgumentException.class,
        () -> new Adam(p, 0.1, 0.9, 0.999, 0.0));
    assertEquals("Adam: epsilon must be finite and > 0, was 0.0", eps.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Adam(p, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new Adam(p, 0.1, -0.1, 0.999, 1e-8));
  }
}
