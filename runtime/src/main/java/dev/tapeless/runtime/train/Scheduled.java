package dev.tapeless.runtime.train;

/**
 * An optimizer whose learning rate follows a {@link LearningRateSchedule}: each {@link #step()}
 * sets the wrapped optimizer's rate to {@code schedule.rate(n)}, {@code n} being the number of
 * steps taken so far, and then steps it. It is an {@link Optimizer} itself, so a training loop
 * does not change when a schedule is added:
 *
 * <pre>{@code
 * Optimizer optimizer = new Scheduled(new AdamW(p, 1e-3, 0.01),
 *     LearningRateSchedule.cosine(1e-3, 1e-5, steps).withWarmup(500));
 * }</pre>
 *
 * The schedule owns the rate: {@link #setLearningRate} is unsupported, and calling the wrapped
 * optimizer's has effect only until the next step. A step allocates nothing beyond what the
 * schedule and the wrapped optimizer allocate (the factories' schedules and this library's
 * optimizers allocate nothing).
 */
public final class Scheduled implements Optimizer {

  private final Optimizer optimizer;
  private final LearningRateSchedule schedule;
  private long steps;

  /**
   * Drives {@code optimizer}'s learning rate by {@code schedule}, from the schedule's step 0.
   *
   * @param optimizer the optimizer whose rate is set before each step; not a Scheduled
   * @param schedule the rate of each step, counted from 0
   * @throws IllegalArgumentException if either is null, or {@code optimizer} is already a
   *     {@code Scheduled} (two schedules would fight over one rate)
   */
  public Scheduled(Optimizer optimizer, LearningRateSchedule schedule) {
    if (optimizer == null) {
      throw new IllegalArgumentException("Scheduled: optimizer is null");
    }
    if (schedule == null) {
      throw new IllegalArgumentException("Scheduled: schedule is null");
    }
    if (optimizer instanceof Scheduled) {
      throw new IllegalArgumentException("Scheduled: optimizer is already scheduled;"
          + " combine the two schedules into one instead");
    }
    this.optimizer = optimizer;
    this.schedule = schedule;
  }

  /**
   * Sets the rate of step {@link #steps()} and steps the wrapped optimizer.
   *
   * @throws IllegalStateException if the schedule's rate is negative or not finite
   */
  @Override
  public void step() {
    double rate = schedule.rate(steps);
    if (!(rate >= 0.0 && rate < Double.POSITIVE_INFINITY)) {
      throw new IllegalStateException("Scheduled: the schedule's learningRate for step " + steps
          + " is " + rate + "; it must be finite and >= 0");
    }
    optimizer.setLearningRate(rate);
    optimizer.step();
    steps++;
  }

  /**
   * The number of steps taken: the step whose rate the next {@link #step()} asks for.
   *
   * @return the number of steps taken
   */
  public long steps() {
    return steps;
  }

  /** The rate of the last step, or the wrapped optimizer's own before the first. */
  @Override
  public double learningRate() {
    return optimizer.learningRate();
  }

  /**
   * Unsupported: the schedule sets the rate on every step.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public void setLearningRate(double learningRate) {
    throw new UnsupportedOperationException(
        "Scheduled: the schedule sets the learningRate on every step; change the schedule");
  }

  /**
   * The wrapped optimizer, e.g. to read its step count.
   *
   * @return the wrapped optimizer
   */
  public Optimizer optimizer() {
    return optimizer;
  }
}
