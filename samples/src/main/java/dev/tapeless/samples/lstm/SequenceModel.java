package dev.tapeless.samples.lstm;

import dev.tapeless.runtime.train.Init;
import dev.tapeless.runtime.train.Parameters;
import java.util.Random;

/**
 * The trainable arrays of a gated recurrent net with a scalar linear readout, as
 * {@link Lstm#sequenceLoss} and {@code Gru.sequenceLoss} take them: stacked gate weights
 * {@code W [gates·n][d]}, {@code U [gates·n][n]}, {@code b [gates·n]}, readout {@code v [n]} and
 * {@code bY [1]}. Holding them together keeps the samples and tests from repeating the shapes.
 */
public final class SequenceModel {
  /** Input weights of all gates, stacked. */
  public final double[][] W;

  /** Recurrent weights of all gates, stacked. */
  public final double[][] U;

  /** Biases of all gates, stacked. */
  public final double[] b;

  /** Readout weights. */
  public final double[] v;

  /** Readout bias, one element. */
  public final double[] bY;

  private SequenceModel(int gates, int inputSize, int hiddenSize) {
    W = new double[gates * hiddenSize][inputSize];
    U = new double[gates * hiddenSize][hiddenSize];
    b = new double[gates * hiddenSize];
    v = new double[hiddenSize];
    bY = new double[1];
  }

  /**
   * An LSTM (4 gates) initialized as is usual: Xavier-uniform weights, zero biases except the
   * forget gate's, which start at 1 so that the cell remembers by default (Jozefowicz et al.,
   * 2015), and a small random readout.
   */
  public static SequenceModel lstm(int inputSize, int hiddenSize, Random rng) {
    SequenceModel m = xavier(4, inputSize, hiddenSize, rng);
    for (int k = hiddenSize; k < 2 * hiddenSize; k++) {
      m.b[k] = 1.0;
    }
    return m;
  }

  /** A GRU (3 gates): Xavier-uniform weights, zero biases, a small random readout. */
  public static SequenceModel gru(int inputSize, int hiddenSize, Random rng) {
    return xavier(3, inputSize, hiddenSize, rng);
  }

  /**
   * Every weight and bias drawn from {@code N(0, std²)}: a generic point at which to compare
   * gradients, with gates away from saturation and from their initial values.
   */
  public static SequenceModel gaussian(int gates, int inputSize, int hiddenSize, double std,
      Random rng) {
    SequenceModel m = new SequenceModel(gates, inputSize, hiddenSize);
    Init.normal(m.W, std, rng);
    Init.normal(m.U, std, rng);
    Init.normal(m.b, std, rng);
    Init.normal(m.v, std, rng);
    Init.normal(m.bY, std, rng);
    return m;
  }

  private static SequenceModel xavier(int gates, int inputSize, int hiddenSize, Random rng) {
    SequenceModel m = new SequenceModel(gates, inputSize, hiddenSize);
    Init.xavierUniform(m.W, rng);
    Init.xavierUniform(m.U, rng);
    Init.normal(m.v, 0.1, rng);
    return m;
  }

  /** The hidden size n. */
  public int hiddenSize() {
    return v.length;
  }

  /**
   * Registers every array with the given gradient arrays (a frame's {@code d} fields), in the
   * order W, U, b, v, bY.
   */
  public Parameters parameters(double[][] dW, double[][] dU, double[] db, double[] dv,
      double[] dbY) {
    return new Parameters().add("W", W, dW).add("U", U, dU).add("b", b, db).add("v", v, dv)
        .add("bY", bY, dbY);
  }
}
