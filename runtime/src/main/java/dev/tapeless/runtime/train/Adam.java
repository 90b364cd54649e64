package dev.tapeless.runtime.train;

/**
 * Adam (Kingma and Ba, 2015) with bias correction, the update of PyTorch's {@code Adam}:
 *
 * <pre>
 *   t = t + 1
 *   m = β1 · m + (1 − β1) · g
 *   v = β2 · v + (1 − β2) · g²
 *   w = w − learningRate · (m / (1 − β1^t)) / (sqrt(v / (1 − β2^t)) + ε)
 * </pre>
 *
 * The moments start at 0; dividing by {@code 1 − β^t} undoes that bias, so the first step is
 * {@code learningRate · g / (|g| + ε)}, about {@code learningRate · sign(g)} whatever the
 * gradient's scale. Both moment buffers are allocated once, when the optimizer is made, so
 * {@link #step()} allocates nothing. No weight decay: use {@link AdamW} for decay decoupled from
 * the moments, or add an L2 term to the loss.
 *
 * <p>A float parameter keeps its moments in {@code float}, as PyTorch does for float32 weights,
 * which halves the state; each update is computed in {@code double} from the float values and
 * rounded once when stored, so a float run follows a double run to float precision. As in
 * PyTorch, a float second moment overflows to {@code +∞} for {@code |g|} above about
 * {@code 1.8e19}, which freezes that element; clip such gradients.
 */
public final class Adam implements Optimizer {

  /** The paper's default decay rate of the first moment. */
  public static final double DEFAULT_BETA1 = 0.9;

  /** The paper's default decay rate of the second moment. */
  public static final double DEFAULT_BETA2 = 0.999;

  /** The paper's default ε, which keeps the step finite where the gradient is 0. */
  public static final double DEFAULT_EPSILON = 1e-8;

  private final AdamUpdate update;

  /**
   * Adam with β1 = 0.9, β2 = 0.999, ε = 1e-8; {@code learningRate} is commonly 1e-3.
   *
   * @param parameters the registered parameters and their gradients; register every one first
   * @param learningRate the step size, finite and {@code >= 0}
   * @throws IllegalArgumentException if parameters is null or a hyperparameter is out of range
   */
  public Adam(Parameters parameters, double learningRate) {
    this(parameters, learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
  }

  /**
   * Adam with the given decay rates in {@code [0, 1)} and {@code epsilon > 0}. Register every
   * parameter before making the optimizer: its state is sized now.
   *
   * @param parameters the registered parameters and their gradients; register every one first
   * @param learningRate the step size, finite and {@code >= 0}
   * @param beta1 decay rate of the first moment, in [0, 1)
   * @param beta2 decay rate of the second moment, in [0, 1)
   * @param epsilon added to the root of the second moment, {@code > 0}
   * @throws IllegalArgumentException if parameters is null or a hyperparameter is out of range
   */
  public Adam(Parameters parameters, double learningRate, double beta1, double beta2,
      double epsilon) {
    update = new AdamUpdate("Adam", parameters, learningRate, beta1, beta2, epsilon, 0.0);
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
