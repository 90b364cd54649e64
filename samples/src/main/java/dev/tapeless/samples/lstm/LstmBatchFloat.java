package dev.tapeless.samples.lstm;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import dev.tapeless.runtime.Activations;
import dev.tapeless.runtime.Batched;

/**
 * {@link LstmBatch#sequenceLoss} in float: float weights, states and gradients, each step's gate
 * pre-activations two float {@link Batched#gemm} calls. For the time a float model saves over a
 * double one at the same size (half the bytes moved, twice the elements per vector).
 */
public final class LstmBatchFloat {
  private LstmBatchFloat() {}

  /**
   * The mean over the batch of {@code (v · h_T + bY − target)²}, as the double
   * {@link LstmBatch#sequenceLoss}.
   *
   * @param W 4H × inputs input weights
   * @param U 4H × H recurrent weights
   * @param b 4H biases
   * @param v H readout weights
   * @param bY the readout bias, one element
   * @param xs T × B × inputs: at step t, one input row per sequence (data)
   * @param targets the B targets (data)
   * @return the mean squared error over the batch
   */
  @Differentiable
  public static float sequenceLoss(float[][] W, float[][] U, float[] b, float[] v,
      float[] bY, @NoDerivative float[][][] xs, @NoDerivative float[] targets) {
    int steps = xs.length;
    int batch = targets.length;
    int n = U[0].length;
    float[][][] h = new float[steps + 1][batch][n];
    float[][][] c = new float[steps + 1][batch][n];
    float[][][] zx = new float[steps][batch][4 * n];
    float[][][] zh = new float[steps][batch][4 * n];
    for (int t = 0; t < steps; t++) {
      Batched.gemm(xs[t], W, zx[t]);
      Batched.gemm(h[t], U, zh[t]);
      for (int r = 0; r < batch; r++) {
        for (int k = 0; k < n; k++) {
          float i = Activations.sigmoid(zx[t][r][k] + zh[t][r][k] + b[k]);
          float f = Activations.sigmoid(zx[t][r][n + k] + zh[t][r][n + k] + b[n + k]);
          float g = Activations.tanh(zx[t][r][2 * n + k] + zh[t][r][2 * n + k] + b[2 * n + k]);
          float o = Activations.sigmoid(zx[t][r][3 * n + k] + zh[t][r][3 * n + k] + b[3 * n + k]);
          c[t + 1][r][k] = f * c[t][r][k] + i * g;
          h[t + 1][r][k] = o * Activations.tanh(c[t + 1][r][k]);
        }
      }
    }
    float loss = 0f;
    for (int r = 0; r < batch; r++) {
      float y = bY[0];
      for (int k = 0; k < n; k++) {
        y += v[k] * h[steps][r][k];
      }
      float e = y - targets[r];
      loss += e * e;
    }
    return loss / batch;
  }
}
