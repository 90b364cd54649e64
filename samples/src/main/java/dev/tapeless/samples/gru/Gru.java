package dev.tapeless.samples.gru;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import dev.tapeless.Out;
import dev.tapeless.runtime.Activations;

/**
 * A gated recurrent unit (Cho et al., 2014) and a loss that unrolls it over time, written with
 * plain loops (no kernels) for Tapeless to differentiate.
 *
 * <p>Weights are stacked as for the LSTM: for hidden size {@code n} and input size {@code d},
 * {@code W} is {@code [3n][d]}, {@code U} is {@code [3n][n]}, {@code b} is {@code [3n]}, with rows
 * {@code [0, n)} the update gate z, {@code [n, 2n)} the reset gate r and {@code [2n, 3n)} the
 * candidate. The reset gate scales the candidate's recurrent term {@code U_h h'}, as in cuDNN and
 * PyTorch's {@code nn.GRU}, rather than {@code h'} before the product as in the paper:
 *
 * <pre>
 *   z = σ(W_z x + U_z h' + b_z)    r = σ(W_r x + U_r h' + b_r)
 *   h̃ = tanh(W_h x + r ∘ (U_h h') + b_h)
 *   h = (1 − z) ∘ h̃ + z ∘ h'
 * </pre>
 *
 * That way each unit needs only scalars, and the cell no array of its own (see
 * {@code Lstm.cell} for why that matters).
 */
public final class Gru {
  private Gru() {}

  /** One time step: from input {@code x} and the previous state {@code hPrev} to {@code h}. */
  @Differentiable
  public static void cell(double[][] W, double[][] U, double[] b, double[] x, double[] hPrev,
      @Out double[] h) {
    int n = h.length;
    for (int k = 0; k < n; k++) {
      double sz = b[k];
      double sr = b[n + k];
      double sx = b[2 * n + k];
      for (int j = 0; j < x.length; j++) {
        sz += W[k][j] * x[j];
        sr += W[n + k][j] * x[j];
        sx += W[2 * n + k][j] * x[j];
      }
      double sh = 0;
      for (int j = 0; j < n; j++) {
        sz += U[k][j] * hPrev[j];
        sr += U[n + k][j] * hPrev[j];
        sh += U[2 * n + k][j] * hPrev[j];
      }
      double z = Activations.sigmoid(sz);
      double r = Activations.sigmoid(sr);
      double candidate = Math.tanh(sx + r * sh);
      h[k] = (1 - z) * candidate + z * hPrev[k];
    }
  }

  /**
   * The squared error of a linear readout {@code y = v·h_T + bY[0]} of the last hidden state
   * against {@code target}, the GRU run over {@code xs} from a zero state; as
   * {@code Lstm.sequenceLoss}.
   */
  @Differentiable
  public static double sequenceLoss(double[][] W, double[][] U, double[] b, double[] v,
      double[] bY, @NoDerivative double[][] xs, @NoDerivative double target) {
    int steps = xs.length;
    int n = U[0].length;
    double[][] h = new double[steps + 1][n];
    for (int t = 0; t < steps; t++) {
      cell(W, U, b, xs[t], h[t], h[t + 1]);
    }
    double y = bY[0];
    for (int k = 0; k < n; k++) {
      y += v[k] * h[steps][k];
    }
    double r = y - target;
    return r * r;
  }
}
