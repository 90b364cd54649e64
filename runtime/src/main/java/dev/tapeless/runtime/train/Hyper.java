package dev.tapeless.runtime.train;

/** Hyperparameter checks shared by the optimizers; messages name the hyperparameter. */
final class Hyper {

  private Hyper() {}

  /** Requires {@code 0 <= value < ∞}. */
  static double nonNegative(String optimizer, String name, double value) {
    if (!(value >= 0.0 && value < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          optimizer + ": " + name + " must be finite and >= 0, was " + value);
    }
    return value;
  }

  /** Requires {@code 0 < value < ∞}. */
  static double positive(String optimizer, String name, double value) {
    if (!(value > 0.0 && value < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          optimizer + ": " + name + " must be finite and > 0, was " + value);
    }
    return value;
  }

  /** Requires {@code 0 <= value < 1}, as for a decay rate. */
  static double decay(String optimizer, String name, double value) {
    if (!(value >= 0.0 && value < 1.0)) {
      throw new IllegalArgumentException(
          optimizer + ": " + name + " must be in [0, 1), was " + value);
    }
    return value;
  }

  /** Requires that no parameter was added after the optimizer sized its state. */
  static void unchanged(String optimizer, Parameters parameters, int elements) {
    if (parameters.elementCount() != elements) {
      throw new IllegalStateException(optimizer + ": the parameters had " + elements
          + " elements when the optimizer was made and have " + parameters.elementCount()
          + " now; register every parameter before making the optimizer");
    }
  }
}
