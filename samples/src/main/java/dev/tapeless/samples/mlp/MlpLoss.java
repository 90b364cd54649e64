package dev.tapeless.samples.mlp;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import dev.tapeless.runtime.Activations;
import dev.tapeless.runtime.Linear;
import dev.tapeless.runtime.Losses;

/**
 * A two-layer perceptron and its loss on one example, the function whose gradient Tapeless
 * generates ({@code MlpLoss_Grad.Loss}):
 *
 * <pre>
 *   z1 = W1 x + b1      (hidden pre-activations, W1 is hidden × 64)
 *   a1 = relu(z1)       (the hidden nonlinearity, see {@link #ACTIVATION})
 *   z2 = W2 a1 + b2     (logits, W2 is 10 × hidden)
 *   C  = −log softmax(z2)_label
 * </pre>
 *
 * The backward sweep the processor writes is the textbook one: δ2 = softmax(z2) − onehot(label),
 * δ1 = relu'(z1) ∘ W2ᵀ δ2, ∂C/∂W2 = δ2 a1ᵀ, ∂C/∂W1 = δ1 xᵀ, each step a registered pullback of a
 * runtime kernel.
 *
 * <p>The demo trains the same network written as a model class, {@link Mlp}, whose weights are
 * fields; this static form over the weights is what the benchmarks time against hand-written
 * backprop, and what docs/training.md wires by hand.
 */
public final class MlpLoss {
  private MlpLoss() {}

  /**
   * The hidden nonlinearity used by {@link #loss} and {@link #logits}: ReLU, {@code max(z, 0)}.
   * On the digits it trained best of ReLU, tanh and sigmoid (see the samples README); to try
   * another, replace the {@code Activations.relu} calls in both methods and in
   * {@link Mlp#loss} by {@code Activations.tanh} or {@code Activations.sigmoid}.
   */
  public static final String ACTIVATION = "ReLU";

  /**
   * The softmax cross-entropy of the network's logits for image {@code x} against
   * {@code label}. The image is data ({@code @NoDerivative}) and the label an {@code int}, so the
   * frame differentiates W1, b1, W2 and b2 only. The three array locals become buffers of the
   * frame: after the first call, a gradient allocates nothing.
   */
  @Differentiable
  public static double loss(double[][] W1, double[] b1, double[][] W2, double[] b2,
      @NoDerivative double[] x, int label) {
    double[] z1 = new double[W1.length];
    double[] a1 = new double[W1.length];
    double[] z2 = new double[W2.length];
    Linear.matvec(W1, x, z1);
    for (int i = 0; i < z1.length; i++) {
      z1[i] += b1[i];
    }
    Activations.relu(z1, a1);
    Linear.matvec(W2, a1, z2);
    for (int k = 0; k < z2.length; k++) {
      z2[k] += b2[k];
    }
    return Losses.softmaxCrossEntropy(z2, label);
  }

  /**
   * The same forward pass as {@link #loss} into caller-owned buffers, for evaluation: no
   * gradient, no allocation.
   *
   * @param z1 hidden pre-activations, length {@code W1.length}, overwritten
   * @param a1 hidden activations, length {@code W1.length}, overwritten
   * @param z2 receives the logits, length {@code W2.length}
   */
  public static void logits(double[][] W1, double[] b1, double[][] W2, double[] b2, double[] x,
      double[] z1, double[] a1, double[] z2) {
    Linear.matvec(W1, x, z1);
    for (int i = 0; i < z1.length; i++) {
      z1[i] += b1[i];
    }
    Activations.relu(z1, a1);
    Linear.matvec(W2, a1, z2);
    for (int k = 0; k < z2.length; k++) {
      z2[k] += b2[k];
    }
  }

  /** The index of the largest logit (the first on ties): the predicted class. */
  public static int argmax(double[] z) {
    int best = 0;
    for (int k = 1; k < z.length; k++) {
      if (z[k] > z[best]) {
        best = k;
      }
    }
    return best;
  }
}
