package dev.tapeless.samples.mlp;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import dev.tapeless.runtime.Activations;
import dev.tapeless.runtime.Linear;
import dev.tapeless.runtime.Losses;
import dev.tapeless.runtime.train.Init;
import java.util.Random;

/**
 * The digits network as a model class: its four weight fields are what the generated frame
 * {@code Mlp_Grad.Loss} differentiates, and {@code frame.parameters(mlp)} hands them, with the
 * frame's own gradient arrays, to an optimizer.
 *
 * <pre>
 *   z1 = W1 x + b1      (hidden pre-activations, W1 is hidden × 64)
 *   a1 = relu(z1)       (the hidden nonlinearity, {@link MlpLoss#ACTIVATION})
 *   z2 = W2 a1 + b2     (logits, W2 is 10 × hidden)
 *   C  = −log softmax(z2)_label
 * </pre>
 *
 * The same network as the static {@link MlpLoss#loss}, which takes the weights as arguments
 * (the benchmarks time that form against hand-written backprop).
 */
public final class Mlp {
  /** Hidden × 64 input weights, He-normal (they feed the ReLUs). */
  public final double[][] W1;
  /** Hidden biases, 0 at the start. */
  public final double[] b1;
  /** 10 × hidden output weights, Xavier-uniform. */
  public final double[][] W2;
  /** Output biases, 0 at the start. */
  public final double[] b2;

  /** A network with {@code hidden} units, weights drawn from {@code rng}. */
  public Mlp(int hidden, Random rng) {
    W1 = new double[hidden][Digits.FEATURES];
    b1 = new double[hidden];
    W2 = new double[Digits.CLASSES][hidden];
    b2 = new double[Digits.CLASSES];
    Init.heNormal(W1, rng);
    Init.xavierUniform(W2, rng);
  }

  /**
   * The softmax cross-entropy of the network's logits for image {@code x} against
   * {@code label}. The image is data ({@code @NoDerivative}) and the label an {@code int}, so
   * the frame differentiates the fields W1, b1, W2 and b2: {@code frame.dW1} and so on. The
   * three array locals become buffers of the frame: after the first call, a gradient allocates
   * nothing.
   */
  @Differentiable
  public double loss(@NoDerivative double[] x, int label) {
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
  public void logits(double[] x, double[] z1, double[] a1, double[] z2) {
    MlpLoss.logits(W1, b1, W2, b2, x, z1, a1, z2);
  }
}
