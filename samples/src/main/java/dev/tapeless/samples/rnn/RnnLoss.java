package dev.tapeless.samples.rnn;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import dev.tapeless.runtime.Losses;
import java.util.Arrays;

/**
 * A recurrent net in its classic formulation, and its cost over one sequence:
 *
 * <pre>
 *   h⁰ = 0
 *   hᵗ = tanh(Wⁱ xᵗ + Wʰ hᵗ⁻¹ + bʰ)          t = 1 … T
 *   yᵗ = softmax(Wᵒ hᵗ + bᵒ)
 *   C  = Σₜ Cᵗ,  Cᵗ = −log yᵗ[targetᵗ]     (cross entropy at every step)
 * </pre>
 *
 * The same Wⁱ, Wʰ, Wᵒ are used at every time step, so their gradient is the sum over the steps
 * of each use's contribution (parameter sharing). Tapeless generates it by running the time
 * loop backwards from t = T to 1: that is backpropagation through time, with no code for it
 * here. The states live in one {@code (T + 1) × H} local array, so nothing the backward sweep
 * reads is overwritten during the forward sweep.
 */
public final class RnnLoss {
  private RnnLoss() {}

  /**
   * The cost C of one sequence.
   *
   * @param Wi hidden × input weights Wⁱ
   * @param Wh hidden × hidden recurrent weights Wʰ
   * @param bh hidden bias bʰ
   * @param Wo symbols × hidden output weights Wᵒ
   * @param bo output bias bᵒ
   * @param x the inputs, {@code x[t - 1]} is xᵗ (data: not differentiated)
   * @param targets {@code targets[t - 1]} is the symbol the net should give at step t
   */
  @Differentiable
  public static double loss(double[][] Wi, double[][] Wh, double[] bh, double[][] Wo,
      double[] bo, @NoDerivative double[][] x, int[] targets) {
    int steps = x.length;
    int hidden = Wh.length;
    int symbols = Wo.length;
    double[][] h = new double[steps + 1][hidden];
    double[][] logits = new double[steps][symbols];
    double cost = 0;
    for (int t = 1; t <= steps; t++) {
      for (int i = 0; i < hidden; i++) {
        double z = bh[i];
        for (int j = 0; j < x[t - 1].length; j++) {
          z += Wi[i][j] * x[t - 1][j];
        }
        for (int j = 0; j < hidden; j++) {
          z += Wh[i][j] * h[t - 1][j];
        }
        h[t][i] = Math.tanh(z);
      }
      for (int k = 0; k < symbols; k++) {
        double o = bo[k];
        for (int j = 0; j < hidden; j++) {
          o += Wo[k][j] * h[t][j];
        }
        logits[t - 1][k] = o;
      }
      cost += Losses.softmaxCrossEntropy(logits[t - 1], targets[t - 1]);
    }
    return cost;
  }

  /**
   * The same forward pass as {@link #loss} into caller-owned buffers, for evaluation: writes the
   * most likely symbol of each step into {@code predicted}. No gradient, no allocation.
   *
   * @param h at least {@code (T + 1) × hidden}; receives the states
   * @param logits at least {@code symbols} long; scratch
   * @param predicted at least {@code T} long; {@code predicted[t - 1]} is the guess of step t
   */
  public static void predict(double[][] Wi, double[][] Wh, double[] bh, double[][] Wo,
      double[] bo, double[][] x, double[][] h, double[] logits, int[] predicted) {
    int steps = x.length;
    int hidden = Wh.length;
    int symbols = Wo.length;
    Arrays.fill(h[0], 0, hidden, 0.0);
    for (int t = 1; t <= steps; t++) {
      for (int i = 0; i < hidden; i++) {
        double z = bh[i];
        for (int j = 0; j < x[t - 1].length; j++) {
          z += Wi[i][j] * x[t - 1][j];
        }
        for (int j = 0; j < hidden; j++) {
          z += Wh[i][j] * h[t - 1][j];
        }
        h[t][i] = Math.tanh(z);
      }
      int best = 0;
      for (int k = 0; k < symbols; k++) {
        double o = bo[k];
        for (int j = 0; j < hidden; j++) {
          o += Wo[k][j] * h[t][j];
        }
        logits[k] = o;
        if (o > logits[best]) {
          best = k;
        }
      }
      predicted[t - 1] = best;
    }
  }
}
