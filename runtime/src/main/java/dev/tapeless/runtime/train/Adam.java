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
 * {@link #step()} allocates nothing. No weight decay: add an L2 term to the loss if wanted.
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

  private final Parameters parameters;
  private final int elements;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double[] m;
  private final double[] v;
  private final float[] floatM;
  private final float[] floatV;
  private double learningRate;
  private long steps;

  /** Adam with β1 = 0.9, β2 = 0.999, ε = 1e-8; {@code learningRate} is commonly 1e-3. */
  public Adam(Parameters parameters, double learningRate) {
    this(parameters, learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
  }

  /**
   * Adam with the given decay rates in {@code [0, 1)} and {@code epsilon > 0}. Register every
   * parameter before making the optimizer: its state is sized now.
   */
  public Adam(Parameters parameters, double learningRate, double beta1, double beta2,
      double epsilon) {
    if (parameters == null) {
      throw new IllegalArgumentException("Adam: parameters is null");
    }
    this.parameters = parameters;
    this.elements = parameters.elementCount();
    this.learningRate = Hyper.nonNegative("Adam", "learningRate", learningRate);
    this.beta1 = Hyper.decay("Adam", "beta1", beta1);
    this.beta2 = Hyper.decay("Adam", "beta2", beta2);
    this.epsilon = Hyper.positive("Adam", "epsilon", epsilon);
    int floats = parameters.floatElementCount();
    this.m = new double[elements - floats];
    this.v = new double[elements - floats];
    this.floatM = new float[floats];
    this.floatV = new float[floats];
  }

  @Override
  public void step() {
    Hyper.unchanged("Adam", parameters, elements);
    steps++;
    double stepSize = learningRate / (1.0 - Math.pow(beta1, steps));
    double sqrtCorrection2 = Math.sqrt(1.0 - Math.pow(beta2, steps));
    int at = 0;
    int floatAt = 0;
    for (int r = 0; r < parameters.rowCount(); r++) {
      if (parameters.isFloatRow(r)) {
        floatAt = step(parameters.floatValueRow(r), parameters.floatGradientRow(r), floatAt,
            stepSize, sqrtCorrection2);
      } else {
        at = step(parameters.valueRow(r), parameters.gradientRow(r), at, stepSize,
            sqrtCorrection2);
      }
    }
  }

  /** Updates one double row whose moments start at index {@code at}; returns the next index. */
  private int step(double[] w, double[] g, int at, double stepSize, double sqrtCorrection2) {
    for (int j = 0; j < w.length; j++, at++) {
      double gj = g[j];
      double mj = beta1 * m[at] + (1.0 - beta1) * gj;
      double vj = beta2 * v[at] + (1.0 - beta2) * gj * gj;
      m[at] = mj;
      v[at] = vj;
      w[j] -= stepSize * mj / (Math.sqrt(vj) / sqrtCorrection2 + epsilon);
    }
    return at;
  }

  /** Updates one float row whose moments start at index {@code at} of the float moments. */
  private int step(float[] w, float[] g, int at, double stepSize, double sqrtCorrection2) {
    for (int j = 0; j < w.length; j++, at++) {
      double gj = g[j];
      double mj = beta1 * floatM[at] + (1.0 - beta1) * gj;
      double vj = beta2 * floatV[at] + (1.0 - beta2) * gj * gj;
      floatM[at] = (float) mj;
      floatV[at] = (float) vj;
      w[j] = (float) (w[j] - stepSize * mj / (Math.sqrt(vj) / sqrtCorrection2 + epsilon));
    }
    return at;
  }

  /** The number of steps taken, {@code t} in the bias correction. */
  public long steps() {
    return steps;
  }

  /** The current learning rate. */
  public double learningRate() {
    return learningRate;
  }

  /** Changes the learning rate for later steps, for a schedule; the moments are kept. */
  public void setLearningRate(double learningRate) {
    this.learningRate = Hyper.nonNegative("Adam", "learningRate", learningRate);
  }
}
