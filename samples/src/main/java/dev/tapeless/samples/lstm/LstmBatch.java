package dev.tapeless.samples.lstm;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import dev.tapeless.runtime.Activations;
import dev.tapeless.runtime.Batched;

/**
 * {@link Lstm#sequenceLoss} on a minibatch: the same LSTM (gates i, f, g, o stacked in the rows
 * of W, U and b, hidden size H = {@code U[0].length}) run over B sequences at once, the mean of
 * their squared errors. Each step's gate pre-activations are two {@link Batched#gemm} calls,
 * {@code xs[t] Wᵀ} and {@code h[t] Uᵀ} (B × 4H), instead of a matrix–vector product per
 * sequence; the gates themselves are plain loops over the batch.
 */
public final class LstmBatch {
  private LstmBatch() {}

  /**
   * The mean over the batch of {@code (v · h_T + bY − target)²}.
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
  public static double sequenceLoss(double[][] W, double[][] U, double[] b, double[] v,
      double[] bY, @NoDerivative double[][][] xs, @NoDerivative double[] targets) {
    int steps = xs.length;
    int batch = targets.length;
    int n = U[0].length;
    double[][][] h = new double[steps + 1][batch][n];
    double[][][] c = new double[steps + 1][batch][n];
    double[][][] zx = new double[steps][batch][4 * n];
    double[][][] zh = new double[steps][batch][4 * n];
    for (int t = 0; t < steps; t++) {
      Batched.gemm(xs[t], W, zx[t]);
      Batched.gemm(h[t], U, zh[t]);
      for (int r = 0; r < batch; r++) {
        for (int k = 0; k < n; k++) {
          double i = Activations.sigmoid(zx[t][r][k] + zh[t][r][k] + b[k]);
          double f = Activations.sigmoid(zx[t][r][n + k] + zh[t][r][n + k] + b[n + k]);
          double g = Math.tanh(zx[t][r][2 * n + k] + zh[t][r][2 * n + k] + b[2 * n + k]);
          double o = Activations.sigmoid(zx[t][r][3 * n + k] + zh[t][r][3 * n + k] + b[3 * n + k]);
          c[t + 1][r][k] = f * c[t][r][k] + i * g;
          h[t + 1][r][k] = o * Math.tanh(c[t + 1][r][k]);
        }
      }
    }
    double loss = 0;
    for (int r = 0; r < batch; r++) {
      double y = bY[0];
      for (int k = 0; k < n; k++) {
        y += v[k] * h[steps][r][k];
      }
      double e = y - targets[r];
      loss += e * e;
    }
    return loss / batch;
  }
}
