package dev.tapeless.runtime.train;

/**
 * Updates the values of a {@link Parameters} from its gradients, once per call.
 *
 * <p>An optimizer reads the gradients as they are when {@link #step()} runs and neither zeroes
 * nor scales them: the caller decides when a gradient is complete (after one call or a minibatch
 * of {@code accumulate} calls), may clip it, and zeroes it before the next one. Implementations
 * allocate their state when they are built, so a step allocates nothing.
 *
 * <p>Every optimizer has a learning rate that may change between steps, so that a {@link
 * LearningRateSchedule} can drive any of them through {@link Scheduled}.
 */
public interface Optimizer {

  /** Moves every parameter one step against its gradient. */
  void step();

  /** The learning rate the next {@link #step()} uses. */
  double learningRate();

  /**
   * Changes the learning rate for later steps; the optimizer's other state (momentum, moments)
   * is kept.
   *
   * @throws IllegalArgumentException if {@code learningRate} is negative or not finite
   */
  void setLearningRate(double learningRate);
}
