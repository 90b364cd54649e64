package dev.tapeless.runtime.train;

/**
 * Stochastic gradient descent with optional momentum and weight decay, the update of PyTorch's
 * {@code SGD} (no dampening, no Nesterov):
 *
 * <pre>
 *   d = g + weightDecay · w
 *   v = momentum · v + d          (v starts at 0, so the first step has v = d)
 *   w = w − learningRate · v
 * </pre>
 *
 * Weight decay is the L2 penalty {@code weightDecay/2 · |w|²} added to the gradient here, so the
 * loss function need not carry it; the caller's gradient arrays are not changed. The momentum
 * buffer is allocated once, when the optimizer is made (not at all without momentum), so
 * {@link #step()} allocates nothing.
 *
 * <p>A float parameter keeps its momentum in {@code float}, as PyTorch does for float32
 * weights, which halves the state; each update is computed in {@code double} from the float
 * values and rounded once when stored, so a float run follows a double run to float precision.
 */
public final class Sgd implements Optimizer {

  private final Parameters parameters;
  private final int elements;
  private final double momentum;
  private final double weightDecay;
  private final double[] velocity;
  private final float[] floatVelocity;
  private double learningRate;
  private boolean stepped;

  /**
   * Plain gradient descent: {@code w -= learningRate · g}.
   *
   * @param parameters the registered parameters and their gradients; register every one first
   * @param learningRate the step size, finite and {@code >= 0}
   * @throws IllegalArgumentException if parameters is null or a hyperparameter is out of range
   */
  public Sgd(Parameters parameters, double learningRate) {
    this(parameters, learningRate, 0.0, 0.0);
  }

  /**
   * Gradient descent with momentum in {@code [0, 1)}, e.g. 0.9.
   *
   * @param parameters the registered parameters and their gradients; register every one first
   * @param learningRate the step size, finite and {@code >= 0}
   * @param momentum the decay of the velocity, in [0, 1); 0 for none
   * @throws IllegalArgumentException if parameters is null or a hyperparameter is out of range
   */
  public Sgd(Parameters parameters, double learningRate, double momentum) {
    this(parameters, learningRate, momentum, 0.0);
  }

  /**
   * Gradient descent with momentum in {@code [0, 1)} and L2 weight decay {@code >= 0}. Register
   * every parameter before making the optimizer: its state is sized now.
   *
   * @param parameters the registered parameters and their gradients; register every one first
   * @param learningRate the step size, finite and {@code >= 0}
   * @param momentum the decay of the velocity, in [0, 1); 0 for none
   * @param weightDecay the L2 coefficient: weightDecay times w is added to the gradient, finite
   *     and {@code >= 0}
   * @throws IllegalArgumentException if parameters is null or a hyperparameter is out of range
   */
  public Sgd(Parameters parameters, double learningRate, double momentum, double weightDecay) {
    if (parameters == null) {
      throw new IllegalArgumentException("Sgd: parameters is null");
    }
    this.parameters = parameters;
    this.elements = parameters.elementCount();
    this.learningRate = Hyper.nonNegative("Sgd", "learningRate", learningRate);
    this.momentum = Hyper.decay("Sgd", "momentum", momentum);
    this.weightDecay = Hyper.nonNegative("Sgd", "weightDecay", weightDecay);
    int floats = parameters.floatElementCount();
    this.velocity = momentum == 0.0 ? null : new double[elements - floats];
    this.floatVelocity = momentum == 0.0 ? null : new float[floats];
  }

  @Override
  public void step() {
    Hyper.unchanged("Sgd", parameters, elements);
    if (!stepped) {
      parameters.requireSomeGradient("Sgd");
      stepped = true;
    }
    int at = 0;
    int floatAt = 0;
    for (int r = 0; r < parameters.rowCount(); r++) {
      if (parameters.isFloatRow(r)) {
        floatAt = step(parameters.floatValueRow(r), parameters.floatGradientRow(r), floatAt);
      } else {
        at = step(parameters.valueRow(r), parameters.gradientRow(r), at);
      }
    }
  }

  /** Updates one double row whose momentum starts at {@code velocity[at]}; returns the next. */
  private int step(double[] w, double[] g, int at) {
    for (int j = 0; j < w.length; j++, at++) {
      double d = g[j] + weightDecay * w[j];
      if (velocity != null) {
        d += momentum * velocity[at];
        velocity[at] = d;
      }
      w[j] -= learningRate * d;
    }
    return at;
  }

  /** Updates one float row whose momentum starts at {@code floatVelocity[at]}. */
  private int step(float[] w, float[] g, int at) {
    for (int j = 0; j < w.length; j++, at++) {
      double d = g[j] + weightDecay * w[j];
      if (floatVelocity != null) {
        d += momentum * floatVelocity[at];
        floatVelocity[at] = (float) d;
      }
      w[j] = (float) (w[j] - learningRate * d);
    }
    return at;
  }

  @Override
  public double learningRate() {
    return learningRate;
  }

  /** Changes the learning rate for later steps, for a schedule; the momentum is kept. */
  @Override
  public void setLearningRate(double learningRate) {
    this.learningRate = Hyper.nonNegative("Sgd", "learningRate", learningRate);
  }
}
