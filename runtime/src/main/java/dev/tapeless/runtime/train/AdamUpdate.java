package dev.tapeless.runtime.train;

/**
 * The update shared by {@link Adam} and {@link AdamW}: Adam's bias-corrected moments, then the
 * weight scaled by {@code keep = 1 − learningRate · weightDecay} before the moment step, as in
 * PyTorch's {@code AdamW}. Adam is the case {@code weightDecay = 0}, where {@code keep} is
 * exactly 1 and multiplying by it changes no bit, so one loop serves both.
 */
final class AdamUpdate {

  private final String optimizer;
  private final Parameters parameters;
  private final int elements;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double weightDecay;
  private final double[] m;
  private final double[] v;
  private final float[] floatM;
  private final float[] floatV;
  private double learningRate;
  private long steps;

  /** Checks the hyperparameters, naming {@code optimizer} in errors, and sizes the state. */
  AdamUpdate(String optimizer, Parameters parameters, double learningRate, double beta1,
      double beta2, double epsilon, double weightDecay) {
    if (parameters == null) {
      throw new IllegalArgumentException(optimizer + ": parameters is null");
    }
    this.optimizer = optimizer;
    this.parameters = parameters;
    this.elements = parameters.elementCount();
    this.learningRate = Hyper.nonNegative(optimizer, "learningRate", learningRate);
    this.beta1 = Hyper.decay(optimizer, "beta1", beta1);
    this.beta2 = Hyper.decay(optimizer, "beta2", beta2);
    this.epsilon = Hyper.positive(optimizer, "epsilon", epsilon);
    this.weightDecay = Hyper.nonNegative(optimizer, "weightDecay", weightDecay);
    int floats = parameters.floatElementCount();
    this.m = new double[elements - floats];
    this.v = new double[elements - floats];
    this.floatM = new float[floats];
    this.floatV = new float[floats];
  }

  void step() {
    Hyper.unchanged(optimizer, parameters, elements);
    if (steps == 0) {
      parameters.requireSomeGradient(optimizer);
    }
    steps++;
    double stepSize = learningRate / (1.0 - Math.pow(beta1, steps));
    double sqrtCorrection2 = Math.sqrt(1.0 - Math.pow(beta2, steps));
    double keep = 1.0 - learningRate * weightDecay;
    int at = 0;
    int floatAt = 0;
    for (int r = 0; r < parameters.rowCount(); r++) {
      if (parameters.isFloatRow(r)) {
        floatAt = step(parameters.floatValueRow(r), parameters.floatGradientRow(r), floatAt,
            stepSize, sqrtCorrection2, keep);
      } else {
        at = step(parameters.valueRow(r), parameters.gradientRow(r), at, stepSize,
            sqrtCorrection2, keep);
      }
    }
  }

  /** Updates one double row whose moments start at index {@code at}; returns the next index. */
  private int step(double[] w, double[] g, int at, double stepSize, double sqrtCorrection2,
      double keep) {
    for (int j = 0; j < w.length; j++, at++) {
      double gj = g[j];
      double mj = beta1 * m[at] + (1.0 - beta1) * gj;
      double vj = beta2 * v[at] + (1.0 - beta2) * gj * gj;
      m[at] = mj;
      v[at] = vj;
      w[j] = w[j] * keep - stepSize * mj / (Math.sqrt(vj) / sqrtCorrection2 + epsilon);
    }
    return at;
  }

  /** Updates one float row whose moments start at index {@code at} of the float moments. */
  private int step(float[] w, float[] g, int at, double stepSize, double sqrtCorrection2,
      double keep) {
    for (int j = 0; j < w.length; j++, at++) {
      double gj = g[j];
      double mj = beta1 * floatM[at] + (1.0 - beta1) * gj;
      double vj = beta2 * floatV[at] + (1.0 - beta2) * gj * gj;
      floatM[at] = (float) mj;
      floatV[at] = (float) vj;
      w[j] = (float) (w[j] * keep
          - stepSize * mj / (Math.sqrt(vj) / sqrtCorrection2 + epsilon));
    }
    return at;
  }

  long steps() {
    return steps;
  }

  double learningRate() {
    return learningRate;
  }

  void setLearningRate(double learningRate) {
    this.learningRate = Hyper.nonNegative(optimizer, "learningRate", learningRate);
  }

  double weightDecay() {
    return weightDecay;
  }
}
