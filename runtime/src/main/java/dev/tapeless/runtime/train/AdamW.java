package dev.tapeless.runtime.train;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter, 2019), the update of PyTorch's
 * {@code AdamW}:
 *
 * <pre>
 *   t = t + 1
 *   m = β1 · m + (1 − β1) · g
 *   v = β2 · v + (1 − β2) · g²
 *   w = w − learningRate · (m̂ / (sqrt(v̂) + ε) + weightDecay · w)
 * </pre>
 *
 * with {@code m̂ = m / (1 − β1^t)} and {@code v̂ = v / (1 − β2^t)} as in {@link Adam}. The
 * decay acts on the weight directly, not through the gradient: with an L2 term in the loss (or
 * {@code Sgd}'s weight decay) Adam divides the decay by {@code sqrt(v̂)}, so weights with large
 * gradients are hardly decayed at all; here every weight shrinks by the same factor
 * {@code 1 − learningRate · weightDecay} per step. That factor follows the learning rate, so a
 * schedule scales decay and step together, as the paper's multiplier {@code η_t} does. The
 * weight is multiplied by the factor and then moved, as PyTorch computes it; the gradient
 * arrays are not changed.
 *
 * <p>Float parameters keep float moments, as in {@link Adam}, and the state is allocated when
 * the optimizer is made, so {@link #step()} allocates nothing.
 */
public final class AdamW implements Optimizer {

  /** PyTorch's default weight decay for {@code AdamW}. */
  public static final double DEFAULT_WEIGHT_DECAY = 0.01;

  private final AdamUpdate update;

  /**
   * AdamW with β1 = 0.9, β2 = 0.999, ε = 1e-8 and the given {@code weightDecay >= 0}, commonly
   * {@link #DEFAULT_WEIGHT_DECAY}.
   *
   * @param parameters the registered parameters and their gradients; register every one first
   * @param learningRate the step size, finite and {@code >= 0}
   * @param weightDecay the decay rate per unit of learning rate, finite and {@code >= 0}
   * @throws IllegalArgumentException if parameters is null or a hyperparameter is out of range
   */
  public AdamW(Parameters parameters, double learningRate, double weightDecay) {
    this(parameters, learningRate, Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2,
        Adam.DEFAULT_EPSILON, weightDecay);
  }

  /**
   * AdamW with decay rates in {@code [0, 1)}, {@code epsilon > 0} and {@code weightDecay >= 0}.
   * Register every parameter before making the optimizer: its state is sized now.
   *
   * @param parameters the registered parameters and their gradients; register every one first
   * @param learningRate the step size, finite and {@code >= 0}
   * @param beta1 decay rate of the first moment, in [0, 1)
   * @param beta2 decay rate of the second moment, in [0, 1)
   * @param epsilon added to the root of the second moment, {@code > 0}
   * @param weightDecay the decay rate per unit of learning rate, finite and {@code >= 0}
   * @throws IllegalArgumentException if parameters is null or a hyperparameter is out of range
   */
  public AdamW(Parameters parameters, double learningRate, double beta1, double beta2,
      double epsilon, double weightDecay) {
    update = new AdamUpdate("AdamW", parameters, learningRate, beta1, beta2, epsilon,
        weightDecay);
  }

  @Override
  public void step() {
    update.step();
  }

  /**
   * The number of steps taken, {@code t} in the bias correction.
   *
   * @return the number of steps taken
   */
  public long steps() {
    return update.steps();
  }

  /**
   * The weight decay rate, per unit of learning rate.
   *
   * @return the weight decay rate
   */
  public double weightDecay() {
    return update.weightDecay();
  }

  @Override
  public double learningRate() {
    return update.learningRate();
  }

  /** Changes the learning rate for later steps, for a schedule; the moments are kept. */
  @Override
  public void setLearningRate(double learningRate) {
    update.setLearningRate(learningRate);
  }
}
