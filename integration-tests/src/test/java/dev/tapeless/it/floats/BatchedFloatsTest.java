package dev.tapeless.it.floats;

import static dev.tapeless.it.floats.FloatDifferences.assertGradient;
import static dev.tapeless.it.floats.FloatDifferences.of;
import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.it.floats.FloatDifferences.Input;
import dev.tapeless.it.kernels.BatchedLayers_Grad;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Float minibatch losses through {@code Batched}'s float kernels, compiled by the processor:
 * gradient, {@code jvp} and {@code hvp} against their double twins ({@code BatchedLayers}) at
 * the same point to float precision, the gradient against five-point differences of the float
 * loss at dyadic points, and no allocation after warm-up. Sizes as {@code BatchedLayersTest}'s:
 * a batch of 1 and of 5, 3 inputs, 4 hidden units, 3 classes.
 */
class BatchedFloatsTest {

  private static final int IN = 3;
  private static final int HIDDEN = 4;
  private static final int CLASSES = 3;

  /** Relative agreement with the double twin, of the largest component. */
  private static final double FLOAT_PRECISION = 1e-5;

  private final Random random = new Random(23);

  @Test
  void tanhLossGradientAgreesWithTheDoubleTwinAndFiniteDifferences() {
    for (int batch : new int[] {1, 5}) {
      float[][] X = matrix(batch, IN);
      int[] labels = labels(batch);
      float[][] W1 = matrix(HIDDEN, IN);
      float[] b1 = vector(HIDDEN);
      float[][] W2 = matrix(CLASSES, HIDDEN);
      float[] b2 = vector(CLASSES);
      BatchedFloats_Grad.TanhLoss g = new BatchedFloats_Grad.TanhLoss();
      float value = g.valueAndGradient(W1, b1, W2, b2, X, labels);
      assertEquals(BatchedFloats.tanhLoss(W1, b1, W2, b2, X, labels), value);

      BatchedLayers_Grad.TanhLoss d = new BatchedLayers_Grad.TanhLoss();
      double twin = d.valueAndGradient(
          widen(W1), widen(b1), widen(W2), widen(b2), widen(X), labels);
      assertEquals(twin, value, FLOAT_PRECISION * Math.max(1, Math.abs(twin)), "value");
      assertClose("tanhLoss gradient, batch " + batch,
          concat(flat(d.dW1), d.db1, flat(d.dW2), d.db2),
          concat(flat(g.dW1), widen(g.db1), flat(g.dW2), widen(g.db2)));

      List<Input> inputs = new ArrayList<>();
      rows(inputs, "W1", W1, g.dW1);
      inputs.add(of("b1", b1, g.db1));
      rows(inputs, "W2", W2, g.dW2);
      inputs.add(of("b2", b2, g.db2));
      assertGradient("tanhLoss", () -> BatchedFloats.tanhLoss(W1, b1, W2, b2, X, labels),
          inputs.toArray(new Input[0]));
    }
  }

  @Test
  void tanhLossJvpAndHvpAgreeWithTheDoubleTwin() {
    int batch = 5;
    float[][] X = matrix(batch, IN);
    int[] labels = labels(batch);
    float[][] W1 = matrix(HIDDEN, IN);
    float[] b1 = vector(HIDDEN);
    float[][] W2 = matrix(CLASSES, HIDDEN);
    float[] b2 = vector(CLASSES);
    float[][] tW1 = matrix(HIDDEN, IN);
    float[] tb1 = vector(HIDDEN);
    float[][] tW2 = matrix(CLASSES, HIDDEN);
    float[] tb2 = vector(CLASSES);
    BatchedFloats_Grad.TanhLoss g = new BatchedFloats_Grad.TanhLoss();
    BatchedLayers_Grad.TanhLoss d = new BatchedLayers_Grad.TanhLoss();

    float jvp = g.jvp(W1, b1, W2, b2, X, labels, tW1, tb1, tW2, tb2);
    double twinJvp = d.jvp(widen(W1), widen(b1), widen(W2), widen(b2), widen(X), labels,
        widen(tW1), widen(tb1), widen(tW2), widen(tb2));
    assertEquals(twinJvp, jvp, FLOAT_PRECISION * Math.max(1, Math.abs(twinJvp)), "jvp");

    g.hvp(W1, b1, W2, b2, X, labels, tW1, tb1, tW2, tb2);
    d.hvp(widen(W1), widen(b1), widen(W2), widen(b2), widen(X), labels, widen(tW1), widen(tb1),
        widen(tW2), widen(tb2));
    assertClose("tanhLoss Hv", concat(flat(d.dW1), d.db1, flat(d.dW2), d.db2),
        concat(flat(g.dW1), widen(g.db1), flat(g.dW2), widen(g.db2)));
  }

  @Test
  void reluSigmoidGradientInInputsAndWeightsAgreesWithTheDoubleTwinAndFiniteDifferences() {
    int batch = 5;
    float[][] X;
    float[][] W1;
    do { // away from ReLU's kink by more than the differences' steps move its argument
      X = matrix(batch, IN);
      W1 = matrix(HIDDEN, IN);
    } while (nearKink(X, W1));
    float[][] W2 = matrix(CLASSES, HIDDEN);
    BatchedFloats_Grad.ReluSigmoid g = new BatchedFloats_Grad.ReluSigmoid();
    float value = g.valueAndGradient(X, W1, W2);
    assertEquals(BatchedFloats.reluSigmoid(X, W1, W2), value);

    BatchedLayers_Grad.ReluSigmoid d = new BatchedLayers_Grad.ReluSigmoid();
    double twin = d.valueAndGradient(widen(X), widen(W1), widen(W2));
    assertEquals(twin, value, FLOAT_PRECISION * Math.max(1, Math.abs(twin)), "value");
    assertClose("reluSigmoid gradient", concat(flat(d.dX), flat(d.dW1), flat(d.dW2)),
        concat(flat(g.dX), flat(g.dW1), flat(g.dW2)));

    List<Input> inputs = new ArrayList<>();
    rows(inputs, "X", X, g.dX);
    rows(inputs, "W1", W1, g.dW1);
    rows(inputs, "W2", W2, g.dW2);
    float[][] x = X;
    float[][] w1 = W1;
    assertGradient("reluSigmoid", () -> BatchedFloats.reluSigmoid(x, w1, W2),
        inputs.toArray(new Input[0]));
  }

  @Test
  void floatFramesAllocateNothingAfterWarmUp() {
    int batch = 5;
    float[][] X = matrix(batch, IN);
    int[] labels = labels(batch);
    float[][] W1 = matrix(HIDDEN, IN);
    float[] b1 = vector(HIDDEN);
    float[][] W2 = matrix(CLASSES, HIDDEN);
    float[] b2 = vector(CLASSES);
    float[][] tW1 = matrix(HIDDEN, IN);
    float[] tb1 = vector(HIDDEN);
    float[][] tW2 = matrix(CLASSES, HIDDEN);
    float[] tb2 = vector(CLASSES);
    BatchedFloats_Grad.TanhLoss g = new BatchedFloats_Grad.TanhLoss();
    assertAllocatesNothing("float valueAndGradient", () -> {
      for (int i = 0; i < 200; i++) {
        g.valueAndGradient(W1, b1, W2, b2, X, labels);
      }
    });
    assertAllocatesNothing("float jvp", () -> {
      for (int i = 0; i < 200; i++) {
        g.jvp(W1, b1, W2, b2, X, labels, tW1, tb1, tW2, tb2);
      }
    });
    assertAllocatesNothing("float hvp", () -> {
      for (int i = 0; i < 200; i++) {
        g.hvp(W1, b1, W2, b2, X, labels, tW1, tb1, tW2, tb2);
      }
    });
    BatchedFloats_Grad.ReluSigmoid r = new BatchedFloats_Grad.ReluSigmoid();
    assertAllocatesNothing("float reluSigmoid valueAndGradient", () -> {
      for (int i = 0; i < 200; i++) {
        r.valueAndGradient(X, W1, W2);
      }
    });
  }

  /**
   * {@code |actual − expected| ≤ FLOAT_PRECISION} times the largest expected component: float
   * sums of a few terms lose that much of the largest, not of a component that is small.
   */
  private static void assertClose(String what, double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length, what + ": length");
    double scale = 0;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], FLOAT_PRECISION * scale, what + " [" + i + "]");
    }
  }

  /** Whether some {@code X_b · W1_j} is within 0.1 of ReLU's kink at 0. */
  private static boolean nearKink(float[][] X, float[][] W1) {
    for (float[] x : X) {
      for (float[] w : W1) {
        double z = 0;
        for (int k = 0; k < x.length; k++) {
          z += (double) x[k] * w[k];
        }
        if (Math.abs(z) < 0.1) {
          return true;
        }
      }
    }
    return false;
  }

  private static void rows(List<Input> inputs, String name, float[][] values, float[][] grad) {
    for (int i = 0; i < values.length; i++) {
      inputs.add(of(name + "[" + i + "]", values[i], grad[i]));
    }
  }

  // ---- values --------------------------------------------------------------------------------

  /** Multiples of 1/32 in [−1, 1]: dyadic, so the differences' steps are exact in float. */
  private float[] vector(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (random.nextInt(65) - 32) / 32f;
    }
    return v;
  }

  private float[][] matrix(int rows, int cols) {
    float[][] m = new float[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = vector(cols);
    }
    return m;
  }

  private int[] labels(int batch) {
    int[] l = new int[batch];
    for (int i = 0; i < batch; i++) {
      l[i] = random.nextInt(CLASSES);
    }
    return l;
  }

  private static double[] widen(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  private static double[][] widen(float[][] m) {
    double[][] d = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      d[i] = widen(m[i]);
    }
    return d;
  }

  private static double[] flat(double[][] m) {
    return concat(m);
  }

  private static double[] flat(float[][] m) {
    return flat(widen(m));
  }

  private static double[] concat(double[]... parts) {
    int n = 0;
    for (double[] p : parts) {
      n += p.length;
    }
    double[] out = new double[n];
    int k = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, k, p.length);
      k += p.length;
    }
    return out;
  }
}
