package dev.tapeless.samples.lstm;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import dev.tapeless.Out;
import dev.tapeless.runtime.Activations;
import dev.tapeless.runtime.Linear;

/**
 * {@link Lstm}'s cell and sequence loss in {@code float}, as a model trained in single precision
 * is written: the same code with float weights and states. The generated frames keep their
 * adjoints in float too ({@code float[][] dW}), so weights, states and gradients take half the
 * memory and the gradient is faster (see BENCHMARKS.md); each derivative is still computed in
 * double and rounded once where it is stored.
 */
public final class LstmFloat {
  private LstmFloat() {}

  /**
   * One time step, as {@link Lstm#cell}, with the runtime's float sigmoid and tanh (its tanh
   * from {@code exp}, which on JDK 17 is several times faster than {@code Math.tanh}).
   */
  @Differentiable
  public static void cell(float[][] W, float[][] U, float[] b, float[] x, float[] hPrev,
      float[] cPrev, @Out float[] h, @Out float[] c) {
    int n = h.length;
    for (int k = 0; k < n; k++) {
      float zi = b[k];
      float zf = b[n + k];
      float zg = b[2 * n + k];
      float zo = b[3 * n + k];
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
      float i = Activations.sigmoid(zi);
      float f = Activations.sigmoid(zf);
      float g = Activations.tanh(zg);
      float o = Activations.sigmoid(zo);
      c[k] = f * cPrev[k] + i * g;
      h[k] = o * Activations.tanh(c[k]);
    }
  }

  /** The squared error of a sequence-to-one prediction, as {@link Lstm#sequenceLoss}. */
  @Differentiable
  public static float sequenceLoss(float[][] W, float[][] U, float[] b, float[] v, float[] bY,
      @NoDerivative float[][] xs, @NoDerivative float target) {
    int steps = xs.length;
    int n = U[0].length;
    float[][] h = new float[steps + 1][n];
    float[][] c = new float[steps + 1][n];
    for (int t = 0; t < steps; t++) {
      cell(W, U, b, xs[t], h[t], c[t], h[t + 1], c[t + 1]);
    }
    float y = Linear.dot(v, h[steps]) + bY[0];
    float r = y - target;
    return r * r;
  }
}
