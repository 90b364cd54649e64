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
 * {@code softmaxCrossEntropyMean} pullbacks.
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
