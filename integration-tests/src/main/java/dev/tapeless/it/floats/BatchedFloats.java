package dev.tapeless.it.floats;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import dev.tapeless.runtime.Batched;

/**
 * Float minibatch losses written with {@link Batched}'s float kernels, one call per layer:
 * {@code dev.tapeless.it.kernels.BatchedLayers} in single precision, which is their double twin.
 */
public final class BatchedFloats {
  private BatchedFloats() {}

  /** Two tanh layers with biases, mean cross entropy over the rows of {@code X}. */
  @Differentiable
  public static float tanhLoss(float[][] W1, float[] b1, float[][] W2, float[] b2,
      @NoDerivative float[][] X, int[] labels) {
    float[][] z1 = new float[X.length][W1.length];
    float[][] a1 = new float[X.length][W1.length];
    float[][] z2 = new float[X.length][W2.length];
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

  /** ReLU and sigmoid layers, the inputs differentiated too, squared outputs summed. */
  @Differentiable
  public static float reluSigmoid(float[][] X, float[][] W1, float[][] W2) {
    float[][] z1 = new float[X.length][W1.length];
    float[][] a1 = new float[X.length][W1.length];
    float[][] z2 = new float[X.length][W2.length];
    float[][] a2 = new float[X.length][W2.length];
    Batched.gemm(X, W1, z1);
    Batched.relu(z1, a1);
    Batched.gemm(a1, W2, z2);
    Batched.sigmoid(z2, a2);
    float s = 0f;
    for (int r = 0; r < a2.length; r++) {
      for (int k = 0; k < a2[r].length; k++) {
        s += a2[r][k] * a2[r][k];
      }
    }
    return s;
  }
}
