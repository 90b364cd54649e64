package dev.tapeless.benchmarks;

import java.util.Arrays;

/**
 * The gradient of {@link dev.tapeless.samples.mlp.MlpLoss#loss} written by hand, as a careful
 * engineer would: one forward pass into buffers owned by this object, then textbook backprop,
 *
 * <pre>
 *   δ2 = softmax(z2) − onehot(label)     ∂C/∂b2 = δ2     ∂C/∂W2 = δ2 a1ᵀ
 *   δ1 = relu'(z1) ∘ W2ᵀ δ2              ∂C/∂b1 = δ1     ∂C/∂W1 = δ1 xᵀ
 * </pre>
 *
 * The gradient fields are overwritten (not zeroed and then added to), the image gets no
 * gradient, and nothing is allocated after construction. It is the reference the generated
 * {@code MlpLoss_Grad.Loss} is timed against. Not thread-safe.
 */
public final class MlpBackprop {

  /** ∂C/∂W1, {@code [hidden][inputs]}. */
  public final double[][] dW1;

  /** ∂C/∂b1, {@code [hidden]}. */
  public final double[] db1;

  /** ∂C/∂W2, {@code [classes][hidden]}. */
  public final double[][] dW2;

  /** ∂C/∂b2, {@code [classes]}. */
  public final double[] db2;

  private final double[] z1;
  private final double[] a1;
  private final double[] e2;
  private final double[] d1;

  private final boolean fourRows;

  /** Buffers and gradients for an {@code inputs → hidden ReLU → classes softmax} network. */
  public MlpBackprop(int inputs, int hidden, int classes) {
    this(inputs, hidden, classes, false);
  }

  /**
   * As above; with {@code fourRows} the forward products take four rows at a time, as the
   * runtime's {@code Linear.matvec} does (four independent sums sharing each load of the input,
   * same bits), so that the generated code can also be timed against hand-written code that
   * does what its kernel does.
   */
  public MlpBackprop(int inputs, int hidden, int classes, boolean fourRows) {
    this.fourRows = fourRows;
    dW1 = new double[hidden][inputs];
    db1 = new double[hidden];
    dW2 = new double[classes][hidden];
    db2 = new double[classes];
    z1 = new double[hidden];
    a1 = new double[hidden];
    e2 = new double[classes];
    d1 = new double[hidden];
  }

  /** Returns the loss of image {@code x} against {@code label} and overwrites the gradients. */
  public double valueAndGradient(double[][] W1, double[] b1, double[][] W2, double[] b2,
      double[] x, int label) {
    int hidden = z1.length;
    int classes = e2.length;
    int inputs = x.length;

    // Forward: z1 = W1 x + b1, a1 = relu(z1), z2 = W2 a1 + b2 (kept in e2 for now).
    double max = Double.NEGATIVE_INFINITY;
    if (fourRows) {
      affineFourRows(W1, b1, x, z1);
      for (int i = 0; i < hidden; i++) {
        a1[i] = Math.max(z1[i], 0.0);
      }
      affineFourRows(W2, b2, a1, e2);
      for (int k = 0; k < classes; k++) {
        max = Math.max(max, e2[k]);
      }
    } else {
      for (int i = 0; i < hidden; i++) {
        double[] w = W1[i];
        double s = b1[i];
        for (int j = 0; j < inputs; j++) {
          s += w[j] * x[j];
        }
        z1[i] = s;
        a1[i] = Math.max(s, 0.0);
      }
      for (int k = 0; k < classes; k++) {
        double[] w = W2[k];
        double s = b2[k];
        for (int j = 0; j < hidden; j++) {
          s += w[j] * a1[j];
        }
        e2[k] = s;
        max = Math.max(max, s);
      }
    }

    // C = log Σ exp(z2 − max) − (z2[label] − max); e2 becomes exp(z2 − max).
    double target = e2[label] - max;
    double sum = 0.0;
    for (int k = 0; k < classes; k++) {
      double e = Math.exp(e2[k] - max);
      e2[k] = e;
      sum += e;
    }
    double loss = Math.log(sum) - target;

    // Output layer: δ2 = softmax − onehot; ∂W2 = δ2 a1ᵀ; W2ᵀ δ2 into d1.
    Arrays.fill(d1, 0.0);
    double inverse = 1.0 / sum;
    for (int k = 0; k < classes; k++) {
      double delta = e2[k] * inverse - (k == label ? 1.0 : 0.0);
      db2[k] = delta;
      double[] w = W2[k];
      double[] dw = dW2[k];
      for (int j = 0; j < hidden; j++) {
        dw[j] = delta * a1[j];
        d1[j] += w[j] * delta;
      }
    }

    // Hidden layer: δ1 = relu'(z1) ∘ W2ᵀ δ2 (0 at the kink); ∂W1 = δ1 xᵀ.
    for (int i = 0; i < hidden; i++) {
      double[] dw = dW1[i];
      if (z1[i] > 0.0) {
        double delta = d1[i];
        db1[i] = delta;
        for (int j = 0; j < inputs; j++) {
          dw[j] = delta * x[j];
        }
      } else {
        db1[i] = 0.0;
        Arrays.fill(dw, 0.0);
      }
    }
    return loss;
  }

  /** {@code out = W in + b}, four rows at a time, each sum starting from its bias. */
  private static void affineFourRows(double[][] W, double[] b, double[] in, double[] out) {
    int m = W.length;
    int n = in.length;
    int i = 0;
    for (; i + 3 < m; i += 4) {
      double[] w0 = W[i];
      double[] w1 = W[i + 1];
      double[] w2 = W[i + 2];
      double[] w3 = W[i + 3];
      double s0 = b[i];
      double s1 = b[i + 1];
      double s2 = b[i + 2];
      double s3 = b[i + 3];
      for (int j = 0; j < n; j++) {
        double v = in[j];
        s0 += w0[j] * v;
        s1 += w1[j] * v;
        s2 += w2[j] * v;
        s3 += w3[j] * v;
      }
      out[i] = s0;
      out[i + 1] = s1;
      out[i + 2] = s2;
      out[i + 3] = s3;
    }
    for (; i < m; i++) {
      double[] w = W[i];
      double s = b[i];
      for (int j = 0; j < n; j++) {
        s += w[j] * in[j];
      }
      out[i] = s;
    }
  }
}
