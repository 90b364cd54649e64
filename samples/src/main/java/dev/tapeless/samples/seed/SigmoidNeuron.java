package dev.tapeless.samples.seed;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A single sigmoid neuron with cross-entropy loss: a = σ(w·x + b), C = −[y ln a + (1−y) ln(1−a)]
 * for a target y in {0, 1}. The σ'(z) of the sigmoid cancels against the loss's 1/(a(1−a)), which
 * leaves ∂C/∂w = (a − y)·x and ∂C/∂b = a − y, so learning is fast when the neuron is badly wrong.
 */
public final class SigmoidNeuron {
  private SigmoidNeuron() {}

  /** σ(z) = 1 / (1 + e^(−z)). */
  @Differentiable
  public static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /**
   * The loss of one example; the input x and target y are data, not parameters, so only w and
   * b are differentiated.
   */
  @Differentiable
  public static double loss(double w, double b, @NoDerivative double x, int y) {
    double a = sigmoid(w * x + b);
    return -(y * Math.log(a) + (1 - y) * Math.log(1 - a));
  }

  /** The activation a = σ(w·x + b), computed directly. */
  static double activation(double w, double b, double x) {
    return 1 / (1 + Math.exp(-(w * x + b)));
  }

  /** ∂C/∂w = (a − y)·x. */
  static double byHandDcDw(double w, double b, double x, int y) {
    return (activation(w, b, x) - y) * x;
  }

  /** ∂C/∂b = a − y. */
  static double byHandDcDb(double w, double b, double x, int y) {
    return activation(w, b, x) - y;
  }

  /** Initial weight: with the bias, the neuron starts out wrong (a ≈ 0.12 for target 1). */
  static final double START_W = -1.0;

  /** Initial bias. */
  static final double START_B = -0.5;

  /** The input of the one training example. */
  static final double X = 1.5;

  /** The target of the one training example. */
  static final int Y = 1;

  /** Learning rate of the gradient-descent steps. */
  static final double LEARNING_RATE = 0.5;

  /** Number of gradient-descent steps shown. */
  static final int STEPS = 8;

  /**
   * Runs {@link #STEPS} steps of gradient descent on the one example.
   *
   * @return the loss before each step and, last, after the final step
   */
  static double[] train(PrintStream out) {
    SigmoidNeuron_Grad.Loss frame = new SigmoidNeuron_Grad.Loss();
    double[] losses = new double[STEPS + 1];
    double w = START_W;
    double b = START_B;
    out.printf(Locale.ROOT, "  one example x = %s, y = %d; start w = %s, b = %s; learning rate %s%n",
        Compare.number(X), Y, Compare.number(w), Compare.number(b), LEARNING_RATE);
    for (int step = 0; step < STEPS; step++) {
      losses[step] = frame.valueAndGradient(w, b, X, Y);
      double a = activation(w, b, X);
      out.printf(Locale.ROOT, "  step %d: w = %.6f, b = %.6f, a = %.6f, C = %.6f%n",
          step, w, b, a, losses[step]);
      Compare.line(out, "  ∂C/∂w", frame.dw, "(a − y)·x", byHandDcDw(w, b, X, Y));
      Compare.line(out, "  ∂C/∂b", frame.db, "a − y", byHandDcDb(w, b, X, Y));
      w -= LEARNING_RATE * frame.dw;
      b -= LEARNING_RATE * frame.db;
    }
    losses[STEPS] = frame.valueAndGradient(w, b, X, Y);
    out.printf(Locale.ROOT, "  after %d steps: w = %.6f, b = %.6f, a = %.6f, C = %.6f (from %.6f)%n",
        STEPS, w, b, activation(w, b, X), losses[STEPS], losses[0]);
    return losses;
  }

  /** Prints the gradient-descent steps, the loss falling and each gradient beside its hand value. */
  public static void run(PrintStream out) {
    train(out);
  }

  /** Runs this example alone. */
  public static void main(String[] args) {
    run(System.out);
  }
}
