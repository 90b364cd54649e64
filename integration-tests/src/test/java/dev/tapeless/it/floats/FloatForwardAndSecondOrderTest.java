package dev.tapeless.it.floats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Forward mode and second order of float programs: {@code jvp} against the gradient along the
 * same tangent, {@code hvp} against five-point differences of the float gradient, and
 * {@code hessian} against {@code hvp}.
 */
class FloatForwardAndSecondOrderTest {

  private static final float[][] W = {{0.5f, -0.25f, 0.125f}, {0.75f, 0.5f, -0.625f}};
  private static final float[] B = {0.0625f, -0.125f};
  private static final float[] X = {0.25f, -0.5f, 1.0f};
  private static final float[][] W_TANGENT = {{1f, 0.5f, -0.25f}, {0.125f, -1f, 0.75f}};
  private static final float[] B_TANGENT = {-0.5f, 0.25f};
  private static final float[] X_TANGENT = {0.375f, 1f, -0.125f};

  @Test
  void jvpOfAFloatLayerIsTheGradientAlongTheTangent() {
    Floats_Grad.Layer g = new Floats_Grad.Layer();
    float value = g.valueAndGradient(W, B, X);
    double expected = dot(g.dW, W_TANGENT) + dot(new float[][] {g.db}, new float[][] {B_TANGENT})
        + dot(new float[][] {g.dx}, new float[][] {X_TANGENT});
    float directional = g.jvp(W, B, X, W_TANGENT, B_TANGENT, X_TANGENT);
    assertEquals(value, g.value);
    assertEquals(expected, directional, 1e-5 * (1 + Math.abs(expected)));
  }

  @Test
  void jvpOfFloatScalarsAndMixedTypes() {
    Floats_Grad.MathOfFloats m = new Floats_Grad.MathOfFloats();
    m.valueAndGradient(0.625f, 0.25f);
    double expected = m.dx * 0.5 - m.dy * 1.5;
    assertEquals(expected, m.jvp(0.625f, 0.25f, 0.5f, -1.5f), 1e-5 * (1 + Math.abs(expected)));
    float[] w = {0.25f, -0.5f, 0.875f};
    float[] wTangent = {1f, 0.5f, -2f};
    Floats_Grad.Mixed g = new Floats_Grad.Mixed();
    g.valueAndGradient(0.5f, -0.75, w);
    double mixed = g.dx * 0.25 + g.dd * -1.0 + dot(new float[][] {g.dw}, new float[][] {wTangent});
    assertEquals(mixed, g.jvp(0.5f, -0.75, w, 0.25f, -1.0, wTangent),
        1e-5 * (1 + Math.abs(mixed)));
  }

  @Test
  void hvpOfAFloatLayerAgainstDifferencesOfItsGradient() {
    Floats_Grad.Layer g = new Floats_Grad.Layer();
    g.hvp(W, B, X, W_TANGENT, B_TANGENT, X_TANGENT);
    float[][] hvW = {g.dW[0].clone(), g.dW[1].clone()};
    float[] hvB = g.db.clone();
    float[] hvX = g.dx.clone();
    // d/dt of the gradient at (W, B, X) + t * tangent, by five-point differences in t
    float[][] dW = new float[2][3];
    float[] dB = new float[2];
    float[] dX = new float[3];
    Floats_Grad.Layer fresh = new Floats_Grad.Layer();
    double h = FloatDifferences.STEP;
    double[] weights = {1, -8, 8, -1};
    int[] steps = {-2, -1, 1, 2};
    for (int k = 0; k < 4; k++) {
      fresh.valueAndGradient(along(W, W_TANGENT, steps[k] * h), along(B, B_TANGENT, steps[k] * h),
          along(X, X_TANGENT, steps[k] * h));
      add(dW, fresh.dW, weights[k] / (12 * h));
      add(dB, fresh.db, weights[k] / (12 * h));
      add(dX, fresh.dx, weights[k] / (12 * h));
    }
    assertClose("W[0]", dW[0], hvW[0]);
    assertClose("W[1]", dW[1], hvW[1]);
    assertClose("b", dB, hvB);
    assertClose("x", dX, hvX);
  }

  @Test
  void jvpAndHvpOfAFloatKernelUsingItsResultInsideADoubleConditional() {
    float[] u = {0.25f, -0.5f, 0.75f};
    float[] v = {1f, -0.5f, 0.25f};
    Floats_Grad.FloatKernelInDoubleConditional g = new Floats_Grad.FloatKernelInDoubleConditional();
    g.valueAndGradient(u, false);
    double expected = dot(new float[][] {g.du}, new float[][] {v});
    assertEquals(expected, g.jvp(u, false, v), 1e-5 * (1 + Math.abs(expected)));
    g.hvp(u, false, v);
    float[] hv = g.du.clone();
    // d/dt of the gradient at u + t * v, by five-point differences in t
    float[] du = new float[3];
    Floats_Grad.FloatKernelInDoubleConditional fresh =
        new Floats_Grad.FloatKernelInDoubleConditional();
    double h = FloatDifferences.STEP;
    double[] weights = {1, -8, 8, -1};
    int[] steps = {-2, -1, 1, 2};
    for (int k = 0; k < 4; k++) {
      fresh.valueAndGradient(along(u, v, steps[k] * h), false);
      add(du, fresh.du, weights[k] / (12 * h));
    }
    assertClose("u", du, hv);
  }

  @Test
  void hessianOfAFloatRecurrenceIsSymmetricAndMatchesHvp() {
    float[] xs = {0.25f, -0.5f, 0.75f, 0.125f};
    float a = 0.875f;
    Floats_Grad.Recurrence g = new Floats_Grad.Recurrence();
    double[][] hessian = new double[5][5];
    g.hessian(xs, a, hessian);
    for (int i = 0; i < 5; i++) {
      float[] direction = new float[4];
      float aDirection = 0f;
      if (i < 4) {
        direction[i] = 1f;
      } else {
        aDirection = 1f;
      }
      g.hvp(xs, a, direction, aDirection);
      for (int j = 0; j < 5; j++) {
        double hv = j < 4 ? g.dxs[j] : g.da;
        assertEquals(hessian[i][j], hv, 1e-6 * (1 + Math.abs(hv)));
        assertEquals(hessian[i][j], hessian[j][i], 1e-4 * (1 + Math.abs(hessian[i][j])));
      }
    }
    // one column against differences of the gradient in a
    double h = FloatDifferences.STEP;
    double[] weights = {1, -8, 8, -1};
    int[] steps = {-2, -1, 1, 2};
    double[] column = new double[5];
    Floats_Grad.Recurrence fresh = new Floats_Grad.Recurrence();
    for (int k = 0; k < 4; k++) {
      fresh.valueAndGradient(xs, (float) (a + steps[k] * h));
      for (int j = 0; j < 4; j++) {
        column[j] += weights[k] * fresh.dxs[j] / (12 * h);
      }
      column[4] += weights[k] * fresh.da / (12 * h);
    }
    for (int j = 0; j < 5; j++) {
      assertEquals(column[j], hessian[4][j], 1e-3 * (1 + Math.abs(column[j])));
    }
  }

  @Test
  void hvpThroughAThreeDimensionalLocal() {
    double[][][] batch = {{{0.5, -0.25}, {0.125, 0.75}}, {{-0.5, 1.0}, {0.25, -0.375}}};
    double[] w = {0.5, -0.75};
    double[][][] batchDirection = {{{1, 0}, {0, 0.5}}, {{0, -1}, {0.25, 0}}};
    double[] wDirection = {0.5, 1};
    Blocks_Grad.Sequences g = new Blocks_Grad.Sequences();
    g.hvp(batch, w, 0.6, batchDirection, wDirection, -0.5);
    double[] hv = g.dw.clone();
    double h = 1e-5;
    Blocks_Grad.Sequences fresh = new Blocks_Grad.Sequences();
    fresh.valueAndGradient(shift(batch, batchDirection, h), shift(w, wDirection, h), 0.6 - 0.5 * h);
    double[] plus = fresh.dw.clone();
    fresh.valueAndGradient(shift(batch, batchDirection, -h), shift(w, wDirection, -h),
        0.6 + 0.5 * h);
    for (int k = 0; k < 2; k++) {
      double fd = (plus[k] - fresh.dw[k]) / (2 * h);
      assertEquals(fd, hv[k], 1e-6 * (1 + Math.abs(fd)));
    }
  }

  private static void assertClose(String name, float[] expected, float[] actual) {
    for (int i = 0; i < expected.length; i++) {
      int k = i;
      assertTrue(Math.abs(expected[i] - actual[i]) <= 1e-3 * (1 + Math.abs(expected[i])),
          () -> "hvp " + name + "[" + k + "]: " + actual[k] + ", differences give "
              + expected[k]);
    }
  }

  private static double dot(float[][] a, float[][] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        s += (double) a[i][j] * b[i][j];
      }
    }
    return s;
  }

  private static float[][] along(float[][] x, float[][] direction, double t) {
    float[][] out = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = along(x[i], direction[i], t);
    }
    return out;
  }

  private static float[] along(float[] x, float[] direction, double t) {
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (float) (x[i] + t * direction[i]);
    }
    return out;
  }

  private static double[] shift(double[] x, double[] direction, double t) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] + t * direction[i];
    }
    return out;
  }

  private static double[][][] shift(double[][][] x, double[][][] direction, double t) {
    double[][][] out = new double[x.length][][];
    for (int i = 0; i < x.length; i++) {
      out[i] = new double[x[i].length][];
      for (int j = 0; j < x[i].length; j++) {
        out[i][j] = shift(x[i][j], direction[i][j], t);
      }
    }
    return out;
  }

  private static void add(float[][] sum, float[][] term, double weight) {
    for (int i = 0; i < sum.length; i++) {
      add(sum[i], term[i], weight);
    }
  }

  private static void add(float[] sum, float[] term, double weight) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] += (float) (weight * term[i]);
    }
  }
}
