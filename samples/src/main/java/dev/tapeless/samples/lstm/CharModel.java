package dev.tapeless.samples.lstm;

import dev.tapeless.Differentiable;
import dev.tapeless.Out;
import dev.tapeless.runtime.Linear;
import dev.tapeless.runtime.Losses;
import dev.tapeless.runtime.train.Init;
import java.util.Random;

/**
 * The weights of {@link CharLstm}'s language model as a model class: an embedding, one LSTM
 * layer and a softmax readout. Its six array fields are what the generated frames differentiate;
 * {@code new CharModel_Grad.Loss().parameters(model)} hands them, with the frame's gradient
 * arrays, to an optimizer.
 *
 * <p>The LSTM weights are stacked as in {@link Lstm}: for hidden size {@code n} and embedding
 * size {@code d}, {@code W} is {@code [4n][d]}, {@code U} is {@code [4n][n]} and {@code b} is
 * {@code [4n]}, rows {@code [0, n)} the input gate, {@code [n, 2n)} the forget gate,
 * {@code [2n, 3n)} the cell candidate and {@code [3n, 4n)} the output gate.
 */
public final class CharModel {
  /** Embedding {@code [vocabulary][d]}: row {@code k} is the input for character {@code k}. */
  final double[][] E;
  /** LSTM input weights {@code [4n][d]}. */
  final double[][] W;
  /** LSTM recurrent weights {@code [4n][n]}. */
  final double[][] U;
  /** LSTM biases {@code [4n]}. */
  final double[] b;
  /** Output weights {@code [vocabulary][n]}. */
  final double[][] Wy;
  /** Output biases {@code [vocabulary]}. */
  final double[] by;

  /**
   * A fresh model: the embedding standard normal, W, U and Wy Xavier-uniform, the forget gate's
   * biases 1 (open at the start), the other biases 0.
   */
  CharModel(int vocabulary, int embedding, int hiddenSize, Random rng) {
    int n = hiddenSize;
    E = new double[vocabulary][embedding];
    W = new double[4 * n][embedding];
    U = new double[4 * n][n];
    b = new double[4 * n];
    Wy = new double[vocabulary][n];
    by = new double[vocabulary];
    Init.normal(E, 1.0, rng);
    Init.xavierUniform(W, rng);
    Init.xavierUniform(U, rng);
    Init.xavierUniform(Wy, rng);
    for (int j = n; j < 2 * n; j++) {
      b[j] = 1.0;
    }
  }

  /** The number of LSTM units. */
  int hiddenSize() {
    return U[0].length;
  }

  /** The number of distinct characters. */
  int vocabulary() {
    return Wy.length;
  }

  /**
   * One LSTM step with this model's {@code W}, {@code U} and {@code b}: from input {@code x}
   * and the previous state {@code (hPrev, cPrev)} to the new state {@code (h, c)}. The cell
   * itself is {@link Lstm#cell}; passing the fields to it keeps their derivatives.
   */
  @Differentiable
  void cell(double[] x, double[] hPrev, double[] cPrev, @Out double[] h, @Out double[] c) {
    Lstm.cell(W, U, b, x, hPrev, cPrev, h, c);
  }

  /**
   * The mean cross entropy per character of predicting {@code text[start + t + 1]} from
   * {@code text[start .. start + t]}, for {@code t < steps}, from a zero state: each character
   * enters through its row of {@code E}, the logits are {@code Wy h_t + by}. The text and the
   * window are {@code int}s, so the frame {@code CharModel_Grad.Loss} differentiates the six
   * weight fields only; its time loop run backwards is backpropagation through time.
   */
  @Differentiable
  double loss(int[] text, int start, int steps) {
    int n = U[0].length;
    int vocabulary = Wy.length;
    double[][] h = new double[steps + 1][n];
    double[][] c = new double[steps + 1][n];
    double[][] logits = new double[steps][vocabulary];
    double loss = 0;
    for (int t = 0; t < steps; t++) {
      cell(E[text[start + t]], h[t], c[t], h[t + 1], c[t + 1]);
      Linear.matvec(Wy, h[t + 1], logits[t]);
      for (int k = 0; k < vocabulary; k++) {
        logits[t][k] += by[k];
      }
      loss += Losses.softmaxCrossEntropy(logits[t], text[start + t + 1]);
    }
    return loss / steps;
  }
}
