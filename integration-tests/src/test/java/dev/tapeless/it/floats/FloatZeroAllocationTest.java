package dev.tapeless.it.floats;

import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;

import org.junit.jupiter.api.Test;

/**
 * Float frames and three-dimensional arrays allocate nothing per call after warm-up: saved
 * floats go on the frame's save buffer, float and 3-D local arrays and their adjoints and
 * tangents are reused. The POM runs this class again under {@code -Xint}.
 */
class FloatZeroAllocationTest {

  private static final int CALLS = 2_000;
  private static final float[][] W = {{0.5f, -0.25f, 0.125f}, {0.75f, 0.5f, -0.625f}};
  private static final float[] B = {0.0625f, -0.125f};
  private static final float[] X = {0.25f, -0.5f, 1.0f};
  private static final float[] XS = {0.25f, -0.5f, 0.75f, 0.125f, -0.375f};
  private static final double[][][] BATCH = {{{0.5, -0.25}, {0.125, 0.75}},
      {{-0.5, 1.0}, {0.25, -0.375}}};
  private static final double[] WEIGHTS = {0.5, -0.75};
  private static final double[][] HESSIAN = new double[6][6];

  /** Keeps the results alive. */
  private static volatile double sink;

  @Test
  void floatLayerGradientJvpAndHvpAllocateNothing() {
    Floats_Grad.Layer g = new Floats_Grad.Layer();
    assertAllocatesNothing("Floats.layer", () -> {
      double s = 0;
      for (int k = 0; k < CALLS; k++) {
        X[0] = 0.25f + (k % 7) * 0.125f;
        s += g.valueAndGradient(W, B, X) + g.jvp(W, B, X, W, B, X) + g.hvp(W, B, X, W, B, X);
      }
      sink = s;
    });
  }

  @Test
  void floatRecurrenceGradientAndHessianAllocateNothing() {
    Floats_Grad.Recurrence g = new Floats_Grad.Recurrence();
    assertAllocatesNothing("Floats.recurrence", () -> {
      double s = 0;
      for (int k = 0; k < CALLS / 10; k++) {
        float a = 0.5f + (k % 5) * 0.125f;
        s += g.valueAndGradient(XS, a);
        g.hessian(XS, a, HESSIAN);
        s += HESSIAN[5][5];
      }
      sink = s;
    });
  }

  @Test
  void threeDimensionalLocalsAllocateNothing() {
    Blocks_Grad.Sequences g = new Blocks_Grad.Sequences();
    assertAllocatesNothing("Blocks.sequences", () -> {
      double s = 0;
      for (int k = 0; k < CALLS; k++) {
        s += g.valueAndGradient(BATCH, WEIGHTS, 0.5 + (k % 3) * 0.1)
            + g.hvp(BATCH, WEIGHTS, 0.6, BATCH, WEIGHTS, 1.0);
      }
      sink = s;
    });
  }
}
