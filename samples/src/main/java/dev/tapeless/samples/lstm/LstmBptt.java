package dev.tapeless.samples.lstm;

import dev.tapeless.runtime.Activations;
import java.util.Arrays;

/**
 * Backpropagation through time for {@link Lstm#sequenceLoss}, written by hand: the reference a
 * careful engineer writes, against which the generated {@code Lstm_Grad.SequenceLoss} is tested
 * and timed. The forward pass stores every step's gate activations and states; the backward pass
 * walks the steps in reverse with the textbook LSTM derivatives:
 *
 * <pre>
 *   δc = δc_next + δh ∘ o ∘ (1 − tanh²c)
 *   δz_i = δc ∘ g ∘ i(1 − i)      δz_f = δc ∘ c' ∘ f(1 − f)
 *   δz_g = δc ∘ i ∘ (1 − g²)      δz_o = δh ∘ tanh c ∘ o(1 − o)
 *   ∂W += δz xᵀ   ∂U += δz h'ᵀ   ∂b += δz   δh' = Uᵀ δz   δc' = δc ∘ f
 * </pre>
 *
 * Every buffer is allocated in the constructor for sequences of up to {@code maxSteps} steps,
 * so a gradient call allocates nothing. Gradients are public fields of the parameters' shapes,
 * like a generated frame's, so that a {@link dev.tapeless.runtime.train.Parameters} can register
 * them. Not thread-safe.
 */
public final class LstmBptt {

  /** ∂L/∂W, {@code [4n][d]}. */
  public final double[][] dW;

  /** ∂L/∂U, {@code [4n][n]}. */
  public final double[][] dU;

  /** ∂L/∂b, {@code [4n]}. */
  public final double[] db;

  /** ∂L/∂v, {@code [n]}. */
  public final double[] dv;

  /** ∂L/∂bY, {@code [1]}. */
  public final double[] dbY;

  private final int inputSize;
  private final int hiddenSize;
  private final int maxSteps;

  /** Hidden and cell states {@code h_0 .. h_T}, {@code c_0 .. c_T}; {@code h_0 = c_0 = 0}. */
  private final double[][] hs;
  private final double[][] cs;

  /** Per step: the activated gates i, f, g, o in the stacked layout of {@link Lstm}. */
  private final double[][] gates;

  /** Per step: {@code tanh c_t}, needed twice in the backward pass. */
  private final double[][] tanhC;

  /** Adjoints of the current step's h and c, then of the previous step's. */
  private final double[] dh;
  private final double[] dc;

  /** Adjoints of the pre-activations of the four gates. */
  private final double[] dz;

  /** A frame for input size {@code d}, hidden size {@code n}, sequences of up to maxSteps. */
  public LstmBptt(int inputSize, int hiddenSize, int maxSteps) {
    if (inputSize < 1 || hiddenSize < 1 || maxSteps < 1) {
      throw new IllegalArgumentException("sizes must be positive: inputSize " + inputSize
          + ", hiddenSize " + hiddenSize + ", maxSteps " + maxSteps);
    }
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.maxSteps = maxSteps;
    int gateRows = 4 * hiddenSize;
    dW = new double[gateRows][inputSize];
    dU = new double[gateRows][hiddenSize];
    db = new double[gateRows];
    dv = new double[hiddenSize];
    dbY = new double[1];
    hs = new double[maxSteps + 1][hiddenSize];
    cs = new double[maxSteps + 1][hiddenSize];
    gates = new double[maxSteps][gateRows];
    tanhC = new double[maxSteps][hiddenSize];
    dh = new double[hiddenSize];
    dc = new double[hiddenSize];
    dz = new double[gateRows];
  }

  /** Returns the loss and overwrites the gradient fields with its gradient. */
  public double valueAndGradient(double[][] W, double[][] U, double[] b, double[] v, double[] bY,
      double[][] xs, double target) {
    zero();
    return accumulate(W, U, b, v, bY, xs, target);
  }

  /** Returns the loss and adds its gradient to the gradient fields (for minibatches). */
  public double accumulate(double[][] W, double[][] U, double[] b, double[] v, double[] bY,
      double[][] xs, double target) {
    int steps = xs.length;
    checkShapes(W, U, b, v, bY, steps);
    int n = hiddenSize;

    Arrays.fill(hs[0], 0.0);
    Arrays.fill(cs[0], 0.0);
    for (int t = 0; t < steps; t++) {
      forwardStep(W, U, b, xs[t], t);
    }
    double[] hLast = hs[steps];
    double y = bY[0];
    for (int k = 0; k < n; k++) {
      y += v[k] * hLast[k];
    }
    double r = y - target;

    double dy = 2.0 * r;
    dbY[0] += dy;
    for (int k = 0; k < n; k++) {
      dv[k] += dy * hLast[k];
      dh[k] = dy * v[k];
      dc[k] = 0.0;
    }
    for (int t = steps - 1; t >= 0; t--) {
      backwardStep(U, xs[t], t);
    }
    return r * r;
  }

  /** Sets the gradient fields to 0. */
  public void zero() {
    for (double[] row : dW) {
      Arrays.fill(row, 0.0);
    }
    for (double[] row : dU) {
      Arrays.fill(row, 0.0);
    }
    Arrays.fill(db, 0.0);
    Arrays.fill(dv, 0.0);
    Arrays.fill(dbY, 0.0);
  }

  /** Step t: from {@code (h_t, c_t)} and {@code x} to {@code (h_{t+1}, c_{t+1})}. */
  private void forwardStep(double[][] W, double[][] U, double[] b, double[] x, int t) {
    int n = hiddenSize;
    double[] hPrev = hs[t];
    double[] cPrev = cs[t];
    double[] h = hs[t + 1];
    double[] c = cs[t + 1];
    double[] a = gates[t];
    double[] tc = tanhC[t];
    for (int r = 0; r < 4 * n; r++) {
      double[] wr = W[r];
      double[] ur = U[r];
      double s = b[r];
      for (int j = 0; j < inputSize; j++) {
        s += wr[j] * x[j];
      }
      for (int j = 0; j < n; j++) {
        s += ur[j] * hPrev[j];
      }
      a[r] = s;
    }
    for (int k = 0; k < n; k++) {
      double i = Activations.sigmoid(a[k]);
      double f = Activations.sigmoid(a[n + k]);
      double g = Math.tanh(a[2 * n + k]);
      double o = Activations.sigmoid(a[3 * n + k]);
      a[k] = i;
      a[n + k] = f;
      a[2 * n + k] = g;
      a[3 * n + k] = o;
      double ck = f * cPrev[k] + i * g;
      double tck = Math.tanh(ck);
      c[k] = ck;
      tc[k] = tck;
      h[k] = o * tck;
    }
  }

  /**
   * Step t backwards: {@code dh}, {@code dc} hold the adjoints of {@code h_{t+1}, c_{t+1}} and
   * leave holding those of {@code h_t, c_t}; the parameter gradients gain step t's share.
   */
  private void backwardStep(double[][] U, double[] x, int t) {
    int n = hiddenSize;
    double[] hPrev = hs[t];
    double[] cPrev = cs[t];
    double[] a = gates[t];
    double[] tc = tanhC[t];
    for (int k = 0; k < n; k++) {
      double i = a[k];
      double f = a[n + k];
      double g = a[2 * n + k];
      double o = a[3 * n + k];
      double tck = tc[k];
      double dhk = dh[k];
      double dck = dc[k] + dhk * o * (1.0 - tck * tck);
      dz[k] = dck * g * (i * (1.0 - i));
      dz[n + k] = dck * cPrev[k] * (f * (1.0 - f));
      dz[2 * n + k] = dck * i * (1.0 - g * g);
      dz[3 * n + k] = dhk * tck * (o * (1.0 - o));
      dc[k] = dck * f;
    }
    Arrays.fill(dh, 0.0);
    for (int r = 0; r < 4 * n; r++) {
      double g = dz[r];
      db[r] += g;
      double[] dwr = dW[r];
      for (int j = 0; j < inputSize; j++) {
        dwr[j] += g * x[j];
      }
      double[] ur = U[r];
      double[] dur = dU[r];
      for (int j = 0; j < n; j++) {
        dur[j] += g * hPrev[j];
        dh[j] += ur[j] * g;
      }
    }
  }

  private void checkShapes(double[][] W, double[][] U, double[] b, double[] v, double[] bY,
      int steps) {
    int rows = 4 * hiddenSize;
    if (steps < 1 || steps > maxSteps) {
      throw new IllegalArgumentException(
          "sequence has " + steps + " steps, this frame takes 1 to " + maxSteps);
    }
    if (W.length != rows || W[0].length != inputSize || U.length != rows
        || U[0].length != hiddenSize || b.length != rows || v.length != hiddenSize
        || bY.length != 1) {
      throw new IllegalArgumentException("parameter shapes do not match input size "
          + inputSize + " and hidden size " + hiddenSize);
    }
  }
}
