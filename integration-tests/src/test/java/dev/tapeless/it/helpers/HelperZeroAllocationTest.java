package dev.tapeless.it.helpers;

import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;

import org.junit.jupiter.api.Test;

/** Inlined helpers allocate nothing per call after warm-up, in every mode. */
class HelperZeroAllocationTest {
  private static final int CALLS = 500;

  /** Keeps the results alive. */
  private static volatile double sink;

  @Test
  void gradientsJvpsAndHvpsThroughHelpersAllocateNothing() {
    Helpers_Grad.Scalar scalar = new Helpers_Grad.Scalar();
    Helpers_Grad.Layer layer = new Helpers_Grad.Layer();
    Helpers_Grad.Early early = new Helpers_Grad.Early();
    double[][] w = HelperGradientsTest.W;
    double[] b = HelperGradientsTest.B;
    double[] x = HelperGradientsTest.X;
    double[] a = {0.2, 0.4, 0.9, 0.7};
    assertAllocatesNothing("helpers", () -> {
      double s = 0;
      for (int k = 0; k < CALLS; k++) {
        s += scalar.valueAndGradient(0.7, -0.4) + scalar.jvp(0.7, -0.4, 1, 0)
            + scalar.hvp(0.7, -0.4, 1, 0);
        s += layer.valueAndGradient(w, b, x) + layer.jvp(w, b, x, w, b, x)
            + layer.hvp(w, b, x, w, b, x);
        s += early.valueAndGradient(a);
      }
      sink = s;
    });
  }

  @Test
  void aPullbackThroughAnOutHelperAllocatesNothing() {
    Helpers_Grad.Affine affine = new Helpers_Grad.Affine();
    double[] x = {0.3, -1.1, 0.5};
    double[] y = new double[3];
    double[] dy = {1.0, -2.0, 0.5};
    assertAllocatesNothing("Helpers.affine", () -> {
      double s = 0;
      for (int k = 0; k < CALLS; k++) {
        affine.pullback(0.8, x, y, dy);
        s += affine.da;
      }
      sink = s;
    });
  }
}
