package dev.tapeless.samples.lstm;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import dev.tapeless.Out;
import dev.tapeless.runtime.Activations;
import dev.tapeless.runtime.Linear;

/**
 * A long short-term memory cell and a loss that unrolls it over time, written as plain Java
 * for Tapeless to differentiate: the generated {@code Lstm_Grad} frames do backpropagation
 * through time with no hand-written backward code.
 *
 * <p>Weights are stacked, one matrix for all four gates, as in PyTorch's {@code nn.LSTM}: for a
 * hidden size {@code n} and input size {@code d}, {@code W} is {@code [4n][d]}, {@code U} is
 * {@code [4n][n]} and {@code b} is {@code [4n]}, with rows {@code [0, n)} the input gate i,
 * {@code [n, 2n)} the forget gate f, {@code [2n, 3n)} the cell candidate g and {@code [3n, 4n)}
 * the output gate o.
 *
 * <pre>
 *   i = σ(W_i x + U_i h' + b_i)    f = σ(W_f x + U_f h' + b_f)
 *   g = tanh(W_g x + U_g h' + b_g) o = σ(W_o x + U_o h' + b_o)
 *   c = f ∘ c' + i ∘ g             h = o ∘ tanh(c)
 * </pre>
 *
 * The cell is its own differentiable method, so each generated method stays small enough for the
 * JIT however long the sequence: the loss's frame calls the cell's frame once per step. The
 * character model of {@link CharLstm} has the same cell as an instance method of its model class
 * ({@link CharModel#cell}).
 */
public final class Lstm {
  private Lstm() {}

  /**
   * One time step: from input {@code x} and the previous state {@code (hPrev, cPrev)} to the new
   * state {@code (h, c)}. Each unit's four pre-activations are accumulated in scalars, one row of
   * {@code W} and {@code U} per gate, so the cell needs no array of its own: the generated frames
   * of its callers run it in their forward sweep, where a local array would be allocated on
   * every step.
   */
  @Differentiable
  public static void cell(double[][] W, double[][] U, double[] b, double[] x, double[] hPrev,
      double[] cPrev, @Out double[] h, @Out double[] c) {
    int n = h.length;
    for (int k = 0; k < n; k++) {
      double zi = b[k];
      double zf = b[n + k];
      double zg = b[2 * n + k];
      double zo = b[3 * n + k];
      for (int j = 0; j < x.length; j++) {
        zi += W[k][j] * x[j];
        zf += W[n + k][j] * x[j];
        zg += W[2 * n + k][j] * x[j];
        zo += W[3 * n + k][j] * x[j];
      }
      for (int j = 0; j < n; j++) {
        zi += U[k][j] * hPrev[j];
        zf += U[n + k][j] * hPrev[j];
        zg += U[2 * n + k][j] * hPrev[j];
        zo += U[3 * n + k][j] * hPrev[j];
      }
      double i = Activations.sigmoid(zi);
      double f = Activations.sigmoid(zf);
      double g = Math.tanh(zg);
      double o = Activations.sigmoid(zo);
      c[k] = f * cPrev[k] + i * g;
      h[k] = o * Math.tanh(c[k]);
    }
  }

  /**
   * The squared error of one sequence-to-one prediction: the cell runs over the inputs
   * {@code xs[t]} from a zero state, and a linear readout {@code y = v·h_T + bY[0]} of the last
   * hidden state is compared with {@code target}. {@code bY} has length 1 (an array, so that an
   * optimizer can update it in place like the other parameters).
   */
  @Differentiable
  public static double sequenceLoss(double[][] W, double[][] U, double[] b, double[] v,
      double[] bY, @NoDerivative double[][] xs, @NoDerivative double target) {
    int steps = xs.length;
    int n = U[0].length;
    double[][] h = new double[steps + 1][n];
    double[][] c = new double[steps + 1][n];
    for (int t = 0; t < steps; t++) {
      cell(W, U, b, xs[t], h[t], c[t], h[t + 1], c[t + 1]);
    }
    double y = Linear.dot(v, h[steps]) + bY[0];
    double r = y - target;
    return r * r;
  }
}
