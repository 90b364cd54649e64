package dev.tapeless.runtime;

import static dev.tapeless.runtime.KernelTesting.random;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/**
 * {@link Batched}'s pullbacks against Hipparchus's forward-mode AD ({@link Gradient}), which
 * shares nothing with them and has no truncation error (bound 1e-10): a one-hidden-layer
 * minibatch loss {@code mean CE(relu(X W1ᵀ) W2ᵀ)} written with Hipparchus in textbook form, its
 * gradient in W1 and W2 against the chain of {@code gemm}, {@code relu} and
 * {@code softmaxCrossEntropyMean} pullbacks; and the same chain in float at the point rounded
 * to float, to float precision.
 */
class BatchedHipparchusTest {

  @Test
  void minibatchLossGradientMatchesForwardModeAd() {
    Random r = new Random(81);
    for (int[] s : new int[][] {{1, 3, 2, 2}, {5, 4, 3, 3}, {7, 6, 5, 4}}) {
      int batch = s[0];
      int in = s[1];
      int hidden = s[2];
      int classes = s[3];
      double[][] X = random(r, batch, in);
      double[][] W1 = random(r, hidden, in);
      double[][] W2 = random(r, classes, hidden);
      int[] labels = new int[batch];
      for (int b = 0; b < batch; b++) {
        labels[b] = r.nextInt(classes);
      }

      double[][] Z1 = new double[batch][hidden];
      double[][] A1 = new double[batch][hidden];
      double[][] Z2 = new double[batch][classes];
      Batched.gemm(X, W1, Z1);
      Batched.relu(Z1, A1);
      Batched.gemm(A1, W2, Z2);
      double loss = Batched.softmaxCrossEntropyMean(Z2, labels);
      double[][] dZ2 = new double[batch][classes];
      double[][] dA1 = new double[batch][hidden];
      double[][] dZ1 = new double[batch][hidden];
      double[][] dW1 = new double[hidden][in];
      double[][] dW2 = new double[classes][hidden];
      Batched.softmaxCrossEntropyMeanPullback(Z2, labels, 1.0, dZ2);
      Batched.gemmPullback(A1, W2, Z2, dZ2, dA1, dW2);
      Batched.reluPullback(Z1, A1, dA1, dZ1);
      Batched.gemmPullback(X, W1, Z1, dZ1, null, dW1);

      Gradient total = forwardModeLoss(X, W1, W2, labels);
      assertEquals(total.getValue(), loss, 1e-12);
      double[] expected = total.getGradient();
      int v = 0;
      for (double[] row : dW1) {
        for (double d : row) {
          assertEquals(expected[v++], d, 1e-10, "dW1");
        }
      }
      for (double[] row : dW2) {
        for (double d : row) {
          assertEquals(expected[v++], d, 1e-10, "dW2");
        }
      }
    }
  }

  /**
   * The float kernels' chain against Hipparchus at the float point: to 1e-5 of the largest
   * derivative, float precision for sums of a few dozen terms.
   */
  @Test
  void floatMinibatchLossGradientMatchesForwardModeAdToFloatPrecision() {
    Random r = new Random(82);
    for (int[] s : new int[][] {{1, 3, 2, 2}, {5, 4, 3, 3}, {7, 6, 5, 4}, {16, 9, 7, 5}}) {
      int batch = s[0];
      int in = s[1];
      int hidden = s[2];
      int classes = s[3];
      float[][] X = FloatKernelTest.toFloat(random(r, batch, in));
      float[][] W1 = FloatKernelTest.toFloat(random(r, hidden, in));
      float[][] W2 = FloatKernelTest.toFloat(random(r, classes, hidden));
      int[] labels = new int[batch];
      for (int b = 0; b < batch; b++) {
        labels[b] = r.nextInt(classes);
      }

      float[][] Z1 = new float[batch][hidden];
      float[][] A1 = new float[batch][hidden];
      float[][] Z2 = new float[batch][classes];
      Batched.gemm(X, W1, Z1);
      Batched.relu(Z1, A1);
      Batched.gemm(A1, W2, Z2);
      float loss = Batched.softmaxCrossEntropyMean(Z2, labels);
      float[][] dZ2 = new float[batch][classes];
      float[][] dA1 = new float[batch][hidden];
      float[][] dZ1 = new float[batch][hidden];
      float[][] dW1 = new float[hidden][in];
      float[][] dW2 = new float[classes][hidden];
      Batched.softmaxCrossEntropyMeanPullback(Z2, labels, 1f, dZ2);
      Batched.gemmPullback(A1, W2, Z2, dZ2, dA1, dW2);
      Batched.reluPullback(Z1, A1, dA1, dZ1);
      Batched.gemmPullback(X, W1, Z1, dZ1, null, dW1);

      Gradient total = forwardModeLoss(widen(X), widen(W1), widen(W2), labels);
      assertEquals(total.getValue(), loss, 1e-6 * Math.max(1, Math.abs(total.getValue())));
      double[] expected = total.getGradient();
      double scale = 0;
      for (double e : expected) {
        scale = Math.max(scale, Math.abs(e));
      }
      int v = 0;
      for (float[] row : dW1) {
        for (float d : row) {
          assertEquals(expected[v++], d, 1e-5 * scale, "float dW1");
        }
      }
      for (float[] row : dW2) {
        for (float d : row) {
          assertEquals(expected[v++], d, 1e-5 * scale, "float dW2");
        }
      }
    }
  }

  private static double[][] widen(float[][] m) {
    double[][] d = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      d[i] = FloatKernelTest.toDouble(m[i]);
    }
    return d;
  }

  /**
   * The minibatch loss in textbook form with Hipparchus's forward mode, its gradient in W1 and
   * W2, flattened in that order.
   */
  private static Gradient forwardModeLoss(
      double[][] X, double[][] W1, double[][] W2, int[] labels) {
    int batch = X.length;
    int in = X[0].length;
    int hidden = W1.length;
    int classes = W2.length;
    int vars = hidden * in + classes * hidden;
    Gradient[][] g1 = variables(W1, vars, 0);
    Gradient[][] g2 = variables(W2, vars, hidden * in);
    Gradient total = Gradient.constant(vars, 0);
    for (int b = 0; b < batch; b++) {
      Gradient[] h = new Gradient[hidden];
      for (int j = 0; j < hidden; j++) {
        Gradient z = Gradient.constant(vars, 0);
        for (int k = 0; k < in; k++) {
          z = z.add(g1[j][k].multiply(X[b][k]));
        }
        h[j] = z.getValue() > 0 ? z : z.multiply(0);
      }
      Gradient[] logits = new Gradient[classes];
      Gradient norm = Gradient.constant(vars, 0);
      for (int c = 0; c < classes; c++) {
        Gradient z = Gradient.constant(vars, 0);
        for (int j = 0; j < hidden; j++) {
          z = z.add(g2[c][j].multiply(h[j]));
        }
        logits[c] = z;
        norm = norm.add(z.exp());
      }
      total = total.add(norm.log().subtract(logits[labels[b]]));
    }
    total = total.divide(batch);

    return total;
  }

  private static Gradient[][] variables(double[][] m, int vars, int first) {
    Gradient[][] g = new Gradient[m.length][];
    int v = first;
    for (int i = 0; i < m.length; i++) {
      g[i] = new Gradient[m[i].length];
      for (int j = 0; j < m[i].length; j++) {
        g[i][j] = Gradient.variable(vars, v++, m[i][j]);
      }
    }
    return g;
  }
}
