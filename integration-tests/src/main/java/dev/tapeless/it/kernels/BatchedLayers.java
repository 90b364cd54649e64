package dev.tapeless.it.kernels;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import dev.tapeless.runtime.Batched;

/**
 * Minibatch losses written with {@link Batched}'s kernels, one call per layer, with the biases
 * added in plain loops between them: what a user's minibatch model looks like.
 */
public final class BatchedLayers {
  private BatchedLayers() {}

  /** Two tanh layers, mean cross entropy over the rows of {@code X}: smooth, for second order. */
  @Differentiable
  public static double tanhLoss(double[][] W1, double[] b1, double[][] W2, double[] b2,
      @NoDerivative double[][] X, int[] labels) {
    double[][] z1 = new double[X.length][W1.length];
    double[][] a1 = new double[X.length][W1.length];
    double[][] z2 = new double[X.length][W2.length];
    Batched.gemm(X, W1, z1);
    for (int r = 0; r < z1.length; r++) {
      for (int i = 0; i < b1.length; i++) {
        z1[r][i] += b1[i];
      }
    }
    Batched.tanh(z1, a1);
    Batched.gemm(a1, W2, z2);
    for (int r = 0; r < z2.length; r++) {
      for (int k = 0; k < b2.length; k++) {
        z2[r][k] += b2[k];
      }
    }
    return Batched.softmaxCrossEntropyMean(z2, labels);
  }

  /**
   * ReLU and sigmoid layers with the inputs differentiated as well, so that the product's
   * {@code dX} is used, and squared outputs summed.
   */
  @Differentiable
  public static double reluSigmoid(double[][] X, double[][] W1, double[][] W2) {
    double[][] z1 = new double[X.length][W1.length];
    double[][] a1 = new double[X.length][W1.length];
    double[][] z2 = new double[X.length][W2.length];
    double[][] a2 = new double[X.length][W2.length];
    Batched.gemm(X, W1, z1);
    Batched.relu(z1, a1);
    Batched.gemm(a1, W2, z2);
    Batched.sigmoid(z2, a2);
    double s = 0;
    for (int r = 0; r < a2.length; r++) {
      for (int k = 0; k < a2[r].length; k++) {
        s += a2[r][k] * a2[r][k];
      }
    }
    return s;
  }
}
