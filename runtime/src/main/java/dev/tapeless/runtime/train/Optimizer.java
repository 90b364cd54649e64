package dev.tapeless.runtime.train;

/**
 * Updates the values of a {@link Parameters} from its gradients, once per call.
 *
 * <p>An optimizer reads the gradients as they are when {@link #step()} runs and neither zeroes
 * nor scales them: the caller decides when a gradient is complete (after one call or a minibatch
 * of {@code accumulate} calls), may clip it, and zeroes it before the next one. Implementations
 * allocate their state when they are built, so a step allocates nothing.
 *
 * <p>A run that trains nothing is an error rather than a silent loop: the optimizers here throw
 * {@link IllegalStateException} from their first step when every gradient element of every
 * parameter is 0. A frame adds into its own {@code d<name>} fields, so one that was never handed
 * the registered gradient arrays ({@code frame.dW1 = p.matrixGradient("W1")}) leaves them 0 and
 * the optimizer would step on nothing, forever; a real first gradient is all but never 0 in
 * every element. Only the first step is checked, with one scan that stops at the first nonzero
 * element: a gradient that is 0 later, at an optimum or on a minibatch where the loss is flat, is
 * legitimate, and later steps pay nothing. The check cannot see a set wired halfway (some fields
 * handed over, others not). A model whose first gradient truly is 0 everywhere sits on a
 * stationary point where no gradient step moves it: start it elsewhere.
 *
 * <p>Every optimizer has a learning rate that may change between steps, so that a {@link
 * LearningRateSchedule} can drive any of them through {@link Scheduled}.
 */
public interface Optimizer {

  /**
   * Moves every parameter one step against its gradient.
   *
   * @throws IllegalStateException on a first step whose gradient is 0 in every element, or if a
   *     parameter was registered after the optimizer was made
   */
  void step();

  /**
   * The learning rate the next {@link #step()} uses.
   *
   * @return the current learning rate, finite and {@code >= 0}
   */
  double learningRate();

  /**
   * Changes the learning rate for later steps; the optimizer's other state (momentum, moments)
   * is kept.
   *
   * @param learningRate the new rate, finite and {@code >= 0}
   * @throws IllegalArgumentException if {@code learningRate} is negative or not finite
   */
  void setLearningRate(double learningRate);
}
