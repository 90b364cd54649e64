package dev.tapeless.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SgdTest {

  @Test
  void plainSgdReachesTheMinimumOfAQuadratic() {
    Quadratic q = new Quadratic();
    Sgd sgd = new Sgd(q.parameters, 0.1);
    for (int step = 0; step < 200; step++) {
      q.gradient();
      sgd.step();
    }
    assertTrue(q.maxError() < 1e-12, "error " + q.maxError());
  }

  @Test
  void sgdWithMomentumReachesTheMinimumOfAQuadratic() {
    Quadratic q = new Quadratic();
    Sgd sgd = new Sgd(q.parameters, 0.05, 0.9);
    for (int step = 0; step < 500; step++) {
      q.gradient();
      sgd.step();
    }
    assertTrue(q.maxError() < 1e-8, "error " + q.maxError());
  }

  @Test
  void momentumMatchesTwoStepsByHand() {
    double[] w = {1.0, -2.0};
    Parameters p = new Parameters().add("w", w);
    double[] g = p.vectorGradient("w");
    Sgd sgd = new Sgd(p, 0.1, 0.9);

    g[0] = 0.5;
    g[1] = -1.0;
    sgd.step();
    // v1 = g1 = (0.5, -1); w1 = w0 - 0.1 v1
    assertArrayEquals(new double[] {0.95, -1.9}, w, 1e-15);

    g[0] = 0.25;
    g[1] = 2.0;
    sgd.step();
    // v2 = 0.9 v1 + g2 = (0.7, 1.1); w2 = w1 - 0.1 v2
    assertArrayEquals(new double[] {0.88, -2.01}, w, 1e-15);
    assertArrayEquals(new double[] {0.25, 2.0}, g, "the gradient is read, not changed");
  }

  @Test
  void weightDecayAddsAnL2TermWithoutChangingTheGradient() {
    double[] w = {2.0};
    Parameters p = new Parameters().add("w", w);
    double[] g = p.vectorGradient("w");
    g[0] = 1.0;
    Sgd sgd = new Sgd(p, 0.1, 0.5, 0.5);
    sgd.step();
    // d1 = 1 + 0.5·2 = 2; v1 = 2; w1 = 2 - 0.2
    assertEquals(1.8, w[0], 1e-15);
    sgd.step();
    // d2 = 1 + 0.5·1.8 = 1.9; v2 = 0.5·2 + 1.9 = 2.9; w2 = 1.8 - 0.29
    assertEquals(1.51, w[0], 1e-15);
    assertEquals(1.0, g[0]);
  }

  @Test
  void theLearningRateCanChangeBetweenSteps() {
    double[] w = {0.0};
    Parameters p = new Parameters().add("w", w);
    p.vectorGradient("w")[0] = 1.0;
    Sgd sgd = new Sgd(p, 0.1);
    sgd.step();
    sgd.setLearningRate(0.01);
    sgd.step();
    assertEquals(0.01, sgd.learningRate());
    assertEquals(-0.11, w[0], 1e-15);
  }

  @Test
  void parametersAddedAfterTheOptimizerAreAnError() {
    Parameters p = new Parameters().add("w", new double[2]);
    Sgd sgd = new Sgd(p, 0.1, 0.9);
    p.add("v", new double[1]);
    IllegalStateException e = assertThrows(IllegalStateException.class, sgd::step);
    assertTrue(e.getMessage().startsWith("Sgd: the parameters had 2 elements"), e.getMessage());
  }

  @Test
  void hyperparametersAreChecked() {
    Parameters p = new Parameters().add("w", new double[1]);
    IllegalArgumentException lr =
        assertThrows(IllegalArgumentException.class, () -> new Sgd(p, -0.1));
    assertEquals("Sgd: learningRate must be finite and >= 0, was -0.1", lr.getMessage());
    IllegalArgumentException mu =
        assertThrows(IllegalArgumentException.class, () -> new Sgd(p, 0.1, 1.0));
    assertEquals("Sgd: momentum must be in [0, 1), was 1.0", mu.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Sgd(p, 0.1, 0.9, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new Sgd(null, 0.1));
    Sgd sgd = new Sgd(p, 0.1);
    assertThrows(IllegalArgumentException.class,
        () -> sgd.setLearningRate(Double.POSITIVE_INFINITY));
  }
}
