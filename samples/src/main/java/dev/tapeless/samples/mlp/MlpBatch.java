package dev.tapeless.samples.mlp;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import dev.tapeless.runtime.Batched;

/**
 * The digits MLP of {@link MlpLoss} on a whole minibatch at once: the mean softmax cross entropy
 * of the rows of {@code X}, one {@link Batched} call per layer. Where {@link MlpLoss#loss} does a
 * matrix–vector product per example, this does one matrix–matrix product per layer for the
 * batch, which reads each weight once per batch instead of once per example and runs on vector
 * instructions; its frame ({@code MlpBatch_Grad.Loss}) gives the gradient of the mean directly.
 */
public final class MlpBatch {
  private MlpBatch() {}

  /**
   * The mean over the batch of the loss of {@link MlpLoss#loss}.
   *
   * @param W1 hidden × 64 weights
   * @param b1 hidden biases
   * @param W2 10 × hidden weights
   * @param b2 10 biases
   * @param X the B images, one per row (data: not differentiated)
   * @param labels the B digits
   * @return the mean cross entropy over the batch
   */
  @Differentiable
  public static double loss(double[][] W1, double[] b1, double[][] W2, double[] b2,
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
    Batched.relu(z1, a1);
    Batched.gemm(a1, W2, z2);
    for (int r = 0; r < z2.length; r++) {
      for (int k = 0; k < b2.length; k++) {
        z2[r][k] += b2[k];
      }
    }
    return Batched.softmaxCrossEntropyMean(z2, labels);
  }
}
