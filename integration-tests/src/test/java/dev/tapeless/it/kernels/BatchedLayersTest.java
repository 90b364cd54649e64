package dev.tapeless.it.kernels;

import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.runtime.GradCheck;
import java.util.Random;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/**
 * Minibatch losses built from {@code Batched} kernels, through their generated frames: the
 * gradient against central finite differences and against a Hipparchus forward-mode twin,
 * {@code jvp} against the gradient along the tangent, {@code hvp} against differences of the
 * gradient, and no allocation after warm-up. Sizes are small and odd (a batch of 1 and of 5,
 * 3 inputs, 4 hidden units, 3 classes), so that no dimension is a multiple of the blocking.
 */
class BatchedLayersTest {

  private static final int IN = 3;
  private static final int HIDDEN = 4;
  private static final int CLASSES = 3;

  private final Random random = new Random(17);

  @Test
  void tanhLossGradientMatchesFiniteDifferencesAndHipparchus() {
    for (int batch : new int[] {1, 5}) {
      double[][] X = matrix(batch, IN);
      int[] labels = labels(batch);
      double[] p = vector(HIDDEN * IN + HIDDEN + CLASSES * HIDDEN + CLASSES);
      BatchedLayers_Grad.TanhLoss g = new BatchedLayers_Grad.TanhLoss();
      Tanh t = new Tanh(p);
      double value = g.valueAndGradient(t.W1, t.b1, t.W2, t.b2, X, labels);
      assertEquals(BatchedLayers.tanhLoss(t.W1, t.b1, t.W2, t.b2, X, labels), value, 1e-14);
      double[] analytic = concat(flat(g.dW1), g.db1, flat(g.dW2), g.db2);
      GradCheck.check(v -> {
        Tanh u = new Tanh(v);
        return BatchedLayers.tanhLoss(u.W1, u.b1, u.W2, u.b2, X, labels);
      }, p, analytic).assertWithin(1e-8);

      Gradient twin = hipparchusTanhLoss(p, X, labels);
      assertEquals(twin.getValue(), value, 1e-13);
      double[] expected = twin.getGradient();
      for (int i = 0; i < p.length; i++) {
        assertEquals(expected[i], analytic[i], 1e-12, "component " + i);
      }
    }
  }

  @Test
  void tanhLossJvpAndHvpAgreeWithTheGradient() {
    int batch = 5;
    double[][] X = matrix(batch, IN);
    int[] labels = labels(batch);
    double[] p = vector(HIDDEN * IN + HIDDEN + CLASSES * HIDDEN + CLASSES);
    double[] dir = vector(p.length);
    Tanh t = new Tanh(p);
    Tanh d = new Tanh(dir);
    BatchedLayers_Grad.TanhLoss g = new BatchedLayers_Grad.TanhLoss();
    g.valueAndGradient(t.W1, t.b1, t.W2, t.b2, X, labels);
    double[] grad = concat(flat(g.dW1), g.db1, flat(g.dW2), g.db2);
    double jvp = g.jvp(t.W1, t.b1, t.W2, t.b2, X, labels, d.W1, d.b1, d.W2, d.b2);
    assertEquals(dot(grad, dir), jvp, 1e-12);

    g.hvp(t.W1, t.b1, t.W2, t.b2, X, labels, d.W1, d.b1, d.W2, d.b2);
    double[] hv = concat(flat(g.dW1), g.db1, flat(g.dW2), g.db2);
    double h = 1e-5;
    double[] plus = tanhGradient(axpy(h, dir, p), X, labels);
    double[] minus = tanhGradient(axpy(-h, dir, p), X, labels);
    for (int i = 0; i < p.length; i++) {
      double fd = (plus[i] - minus[i]) / (2 * h);
      assertEquals(fd, hv[i], 1e-6 * (1 + Math.abs(fd)), "Hv[" + i + "]");
    }
  }

  @Test
  void reluSigmoidGradientInInputsAndWeightsMatchesFiniteDifferences() {
    int batch = 5;
    double[] p = vector(batch * IN + HIDDEN * IN + CLASSES * HIDDEN);
    BatchedLayers_Grad.ReluSigmoid g = new BatchedLayers_Grad.ReluSigmoid();
    double[][][] m = relu(p, batch);
    g.valueAndGradient(m[0], m[1], m[2]);
    double[] analytic = concat(flat(g.dX), flat(g.dW1), flat(g.dW2));
    GradCheck.check(v -> {
      double[][][] u = relu(v, batch);
      return BatchedLayers.reluSigmoid(u[0], u[1], u[2]);
    }, p, analytic).assertWithin(1e-7);

    double[] dir = vector(p.length);
    double[][][] t = relu(dir, batch);
    assertEquals(dot(analytic, dir), g.jvp(m[0], m[1], m[2], t[0], t[1], t[2]), 1e-12);
  }

  @Test
  void framesAllocateNothingAfterWarmUp() {
    int batch = 5;
    double[][] X = matrix(batch, IN);
    int[] labels = labels(batch);
    Tanh t = new Tanh(vector(HIDDEN * IN + HIDDEN + CLASSES * HIDDEN + CLASSES));
    Tanh d = new Tanh(vector(HIDDEN * IN + HIDDEN + CLASSES * HIDDEN + CLASSES));
    BatchedLayers_Grad.TanhLoss g = new BatchedLayers_Grad.TanhLoss();
    assertAllocatesNothing("valueAndGradient", () -> {
      for (int i = 0; i < 200; i++) {
        g.valueAndGradient(t.W1, t.b1, t.W2, t.b2, X, labels);
      }
    });
    assertAllocatesNothing("jvp", () -> {
      for (int i = 0; i < 200; i++) {
        g.jvp(t.W1, t.b1, t.W2, t.b2, X, labels, d.W1, d.b1, d.W2, d.b2);
      }
    });
    assertAllocatesNothing("hvp", () -> {
      for (int i = 0; i < 200; i++) {
        g.hvp(t.W1, t.b1, t.W2, t.b2, X, labels, d.W1, d.b1, d.W2, d.b2);
      }
    });
  }

  /** tanhLoss's parameters, unpacked from one vector in the order W1, b1, W2, b2. */
  private static final class Tanh {
    final double[][] W1 = new double[HIDDEN][IN];
    final double[] b1 = new double[HIDDEN];
    final double[][] W2 = new double[CLASSES][HIDDEN];
    final double[] b2 = new double[CLASSES];

    Tanh(double[] p) {
      int k = 0;
      for (double[] row : W1) {
        for (int j = 0; j < row.length; j++) {
          row[j] = p[k++];
        }
      }
      for (int j = 0; j < b1.length; j++) {
        b1[j] = p[k++];
      }
      for (double[] row : W2) {
        for (int j = 0; j < row.length; j++) {
          row[j] = p[k++];
        }
      }
      for (int j = 0; j < b2.length; j++) {
        b2[j] = p[k++];
      }
    }
  }

  private static double[] tanhGradient(double[] p, double[][] X, int[] labels) {
    Tanh t = new Tanh(p);
    BatchedLayers_Grad.TanhLoss g = new BatchedLayers_Grad.TanhLoss();
    g.valueAndGradient(t.W1, t.b1, t.W2, t.b2, X, labels);
    return concat(flat(g.dW1), g.db1, flat(g.dW2), g.db2);
  }

  /** The same loss written with Hipparchus, one variable per parameter. */
  private static Gradient hipparchusTanhLoss(double[] p, double[][] X, int[] labels) {
    int n = p.length;
    Gradient[] v = new Gradient[n];
    for (int i = 0; i < n; i++) {
      v[i] = Gradient.variable(n, i, p[i]);
    }
    int b1 = HIDDEN * IN;
    int w2 = b1 + HIDDEN;
    int b2 = w2 + CLASSES * HIDDEN;
    Gradient total = Gradient.constant(n, 0);
    for (int r = 0; r < X.length; r++) {
      Gradient[] a = new Gradient[HIDDEN];
      for (int j = 0; j < HIDDEN; j++) {
        Gradient z = v[b1 + j];
        for (int k = 0; k < IN; k++) {
          z = z.add(v[j * IN + k].multiply(X[r][k]));
        }
        a[j] = z.tanh();
      }
      Gradient norm = Gradient.constant(n, 0);
      Gradient target = null;
      for (int c = 0; c < CLASSES; c++) {
        Gradient z = v[b2 + c];
        for (int j = 0; j < HIDDEN; j++) {
          z = z.add(v[w2 + c * HIDDEN + j].multiply(a[j]));
        }
        norm = norm.add(z.exp());
        if (c == labels[r]) {
          target = z;
        }
      }
      total = total.add(norm.log().subtract(target));
    }
    return total.divide(X.length);
  }

  private static double[][][] relu(double[] p, int batch) {
    double[][] X = new double[batch][IN];
    double[][] W1 = new double[HIDDEN][IN];
    double[][] W2 = new double[CLASSES][HIDDEN];
    int k = 0;
    for (double[][] m : new double[][][] {X, W1, W2}) {
      for (double[] row : m) {
        for (int j = 0; j < row.length; j++) {
          row[j] = p[k++];
        }
      }
    }
    return new double[][][] {X, W1, W2};
  }

  private double[] vector(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextDouble() * 2 - 1;
    }
    return v;
  }

  private double[][] matrix(int rows, int cols) {
    double[][] m = new double[rows][];
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

  private static double[] flat(double[][] m) {
    int n = 0;
    for (double[] row : m) {
      n += row.length;
    }
    double[] f = new double[n];
    int k = 0;
    for (double[] row : m) {
      System.arraycopy(row, 0, f, k, row.length);
      k += row.length;
    }
    return f;
  }

  private static double[] concat(double[]... parts) {
    return flat(parts);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double[] axpy(double h, double[] d, double[] p) {
    double[] q = p.clone();
    for (int i = 0; i < q.length; i++) {
      q[i] += h * d[i];
    }
    return q;
  }
}
