package dev.tapeless.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdamWTest {

  @Test
  void twoStepsMatchTheFormulaByHand() {
    double[] w = {0.5};
    Parameters p = new Parameters().add("w", w);
    double[] g = p.vectorGradient("w");
    AdamW adamW = new AdamW(p, 0.1, 0.8, 0.99, 1e-8, 0.2);
    g[0] = 1.0;
    adamW.step();
    // m̂1 = 1, v̂1 = 1: w1 = w0 − lr·(1/(1 + ε) + wd·w0)
    double w1 = 0.5 - 0.1 * (1.0 / (1.0 + 1e-8) + 0.2 * 0.5);
    assertEquals(w1, w[0], 1e-15);
    g[0] = -0.5;
    adamW.step();
    // The moments as in AdamTest: m̂2 = 0.06/0.36, v̂2 = 0.0124/0.0199; the decay uses w1.
    double mHat = 0.06 / 0.36;
    double vHat = 0.0124 / 0.0199;
    assertEquals(w1 - 0.1 * (mHat / (Math.sqrt(vHat) + 1e-8) + 0.2 * w1), w[0], 1e-15);
    assertEquals(2, adamW.steps());
    assertEquals(-0.5, g[0], "the gradient is read, not changed");
  }

  @Test
  void theDecayActsOnTheWeightNotOnTheGradient() {
    // Gradients a million times apart: Adam's first step is lr·sign(g) for both, so AdamW's
    // decay shows as the same lr·wd·w on each. Adam with an L2 term puts wd·w into the gradient
    // instead, where the normalisation by sqrt(v̂) swallows it.
    double lr = 0.01;
    double wd = 0.5;
    double[] w = {2.0, 2.0};
    Parameters p = new Parameters().add("w", w);
    double[] g = p.vectorGradient("w");
    g[0] = 1e3;
    g[1] = 1e-3;
    new AdamW(p, lr, wd).step();
    double eps = Adam.DEFAULT_EPSILON;
    assertEquals(2.0 - lr * (1e3 / (1e3 + eps) + wd * 2.0), w[0], 1e-15);
    assertEquals(2.0 - lr * (1e-3 / (1e-3 + eps) + wd * 2.0), w[1], 1e-15);

    double[] l2 = {2.0, 2.0};
    Parameters q = new Parameters().add("w", l2);
    double[] gq = q.vectorGradient("w");
    gq[0] = 1e3 + wd * 2.0;
    gq[1] = 1e-3 + wd * 2.0;
    new Adam(q, lr).step();
    for (int i = 0; i < 2; i++) {
      assertEquals(2.0 - lr, l2[i], 1e-6, "Adam + L2, element " + i);
      assertTrue(l2[i] - w[i] > 0.9 * lr * wd * 2.0, "element " + i);
    }
  }

  @Test
  void withoutWeightDecayItIsAdamBitForBit() {
    Quadratic a = new Quadratic();
    Quadratic b = new Quadratic();
    Adam adam = new Adam(a.parameters, 0.05, 0.8, 0.99, 1e-6);
    AdamW adamW = new AdamW(b.parameters, 0.05, 0.8, 0.99, 1e-6, 0.0);
    for (int step = 0; step < 50; step++) {
      a.gradient();
      adam.step();
      b.gradient();
      adamW.step();
    }
    for (int i = 0; i < a.W.length; i++) {
      assertArrayEquals(a.W[i], b.W[i], 0.0);
    }
    assertArrayEquals(a.b, b.b, 0.0);
  }

  @Test
  void aFloatStepMatchesTheFormulaByHand() {
    float[] w = {0.5f, -1.5f};
    Parameters p = new Parameters().add("w", w);
    float[] g = p.floatVectorGradient("w");
    g[0] = 0.25f;
    g[1] = -4.0f;
    AdamW adamW = new AdamW(p, 0.1, 0.2);
    adamW.step();
    double eps = Adam.DEFAULT_EPSILON;
    assertEquals((float) (0.5 - 0.1 * (0.25 / (0.25 + eps) + 0.2 * 0.5)), w[0]);
    assertEquals((float) (-1.5 - 0.1 * (-4.0 / (4.0 + eps) + 0.2 * -1.5)), w[1]);
  }

  @Test
  void aDecayedRunSettlesOnTheZeroSideOfTheMinimum() {
    // Where AdamW stops, m̂/(sqrt(v̂) + ε) = −wd·w: the gradient there has the sign of −w, so
    // each weight ends between 0 and its minimum, where Adam alone reaches the minimum. The gap
    // is about wd·|w|·sqrt(v̂)/2, with v̂ remembering the early gradients: 0.006 at most here.
    Quadratic q = new Quadratic();
    AdamW adamW = new AdamW(q.parameters, 0.01, 0.01);
    for (int step = 0; step < 5000; step++) {
      q.gradient();
      adamW.step();
    }
    assertTrue(q.maxError() < 0.01, "error " + q.maxError());
    for (int i = 0; i < q.W.length; i++) {
      for (int j = 0; j < q.W[i].length; j++) {
        double c = Quadratic.C[i][j];
        assertTrue(c == 0 ? q.W[i][j] == 0 : Math.abs(q.W[i][j]) < Math.abs(c)
            && Math.signum(q.W[i][j]) == Math.signum(c), "W" + i + j + " = " + q.W[i][j]);
      }
    }
  }

  @Test
  void theLearningRateCanChangeBetweenSteps() {
    double[] w = {1.0};
    Parameters p = new Parameters().add("w", w);
    p.vectorGradient("w")[0] = 1.0;
    AdamW adamW = new AdamW(p, 0.1, 0.5);
    adamW.step();
    double w1 = 1.0 - 0.1 * (1.0 / (1.0 + 1e-8) + 0.5);
    assertEquals(w1, w[0], 1e-15);
    adamW.setLearningRate(0.01);
    adamW.step();
    // A constant gradient keeps m̂/sqrt(v̂) = 1; the decay follows the new rate.
    assertEquals(0.01, adamW.learningRate());
    assertEquals(w1 - 0.01 * (1.0 + 0.5 * w1), w[0], 1e-9);
  }

  @Test
  void hyperparametersAreChecked() {
    Parameters p = new Parameters().add("w", new double[1]);
    IllegalArgumentException decay = assertThrows(IllegalArgumentException.class,
        () -> new AdamW(p, 0.1, -0.01));
    assertEquals("AdamW: weightDecay must be finite and >= 0, was -0.01", decay.getMessage());
    IllegalArgumentException beta = assertThrows(IllegalArgumentException.class,
        () -> new AdamW(p, 0.1, 1.0, 0.999, 1e-8, 0.01));
    assertEquals("AdamW: beta1 must be in [0, 1), was 1.0", beta.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new AdamW(null, 0.1, 0.01));
    assertEquals(0.01, new AdamW(p, 0.1, AdamW.DEFAULT_WEIGHT_DECAY).weightDecay());
  }

  @Test
  void parametersAddedAfterTheOptimizerAreAnError() {
    Parameters p = new Parameters().add("w", new double[2]);
    AdamW adamW = new AdamW(p, 0.1, 0.01);
    p.add("v", new double[1]);
    IllegalStateException e = assertThrows(IllegalStateException.class, adamW::step);
    assertTrue(e.getMessage().startsWith("AdamW: the parameters had 2 elements"),
        e.getMessage());
    assertEquals(0, adamW.steps());
  }
}
