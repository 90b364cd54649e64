package dev.tapeless.runtime.train;

/**
 * The learning rate as a function of the step, for {@link Scheduled} to set on an optimizer
 * before each update. Steps count from 0: {@code rate(0)} is the rate of the first update.
 *
 * <p>The factories cover the common schedules, in the conventions of PyTorch's schedulers where
 * these have one; {@link #withWarmup} puts a linear warmup in front of any of them. A lambda is a
 * schedule too, e.g. {@code step -> 0.1 / Math.sqrt(step + 1)}. The factories' schedules
 * allocate nothing per call, so a scheduled training loop stays allocation-free; they throw
 * {@link IllegalArgumentException} for a negative step.
 */
@FunctionalInterface
public interface LearningRateSchedule {

  /**
   * The learning rate of update {@code step}, counted from 0.
   *
   * @param step the number of updates before this one
   * @return a finite rate {@code >= 0}
   */
  double rate(long step);

  /**
   * The same {@code rate} at every step.
   *
   * @param rate the rate, finite and {@code >= 0}
   * @return a new schedule
   * @throws IllegalArgumentException if rate is negative or not finite
   */
  static LearningRateSchedule constant(double rate) {
    nonNegative("constant", "rate", rate);
    return step -> {
      checkStep(step);
      return rate;
    };
  }

  /**
   * {@code initial · factor^⌊step / every⌋}: the rate drops by {@code factor} after every
   * {@code every} steps, PyTorch's {@code StepLR}.
   *
   * @param initial the rate of the first {@code every} steps, finite and {@code >= 0}
   * @param factor in {@code (0, 1]}, e.g. 0.1
   * @param every the number of steps between drops, at least 1
   * @return a new schedule
   * @throws IllegalArgumentException if an argument is out of range
   */
  static LearningRateSchedule stepDecay(double initial, double factor, long every) {
    nonNegative("stepDecay", "initial", initial);
    decayFactor("stepDecay", factor);
    if (every < 1) {
      throw new IllegalArgumentException("stepDecay: every must be >= 1, was " + every);
    }
    return step -> {
      checkStep(step);
      return initial * Math.pow(factor, step / every);
    };
  }

  /**
   * {@code initial · factor^step}: the rate shrinks by {@code factor} every step, PyTorch's
   * {@code ExponentialLR}.
   *
   * @param initial the rate of step 0, finite and {@code >= 0}
   * @param factor in {@code (0, 1]}, e.g. 0.999
   * @return a new schedule
   * @throws IllegalArgumentException if an argument is out of range
   */
  static LearningRateSchedule exponential(double initial, double factor) {
    nonNegative("exponential", "initial", initial);
    decayFactor("exponential", factor);
    return step -> {
      checkStep(step);
      return initial * Math.pow(factor, step);
    };
  }

  /**
   * Cosine annealing from {@code initial} at step 0 to {@code minimum} at step {@code steps},
   * without restarts (Loshchilov and Hutter's SGDR, PyTorch's {@code CosineAnnealingLR} for one
   * half period):
   *
   * <pre>
   *   rate(t) = minimum + (initial − minimum) · (1 + cos(π · t / steps)) / 2   for t &lt; steps
   *   rate(t) = minimum                                                       for t ≥ steps
   * </pre>
   *
   * The rate falls slowly at first, fastest halfway, and flattens out at the end; it stays at
   * {@code minimum} after {@code steps} rather than rising again, so training longer than
   * planned is harmless. Combine with {@link #withWarmup} for the usual warmup-then-cosine.
   *
   * @param initial the rate of step 0, finite and {@code >= 0}
   * @param minimum the final rate, in {@code [0, initial]}
   * @param steps the length of the decay, at least 1
   * @return a new schedule
   * @throws IllegalArgumentException if an argument is out of range
   */
  static LearningRateSchedule cosine(double initial, double minimum, long steps) {
    nonNegative("cosine", "initial", initial);
    nonNegative("cosine", "minimum", minimum);
    if (minimum > initial) {
      throw new IllegalArgumentException("cosine: minimum must be <= initial, was " + minimum
          + " > " + initial);
    }
    if (steps < 1) {
      throw new IllegalArgumentException("cosine: steps must be >= 1, was " + steps);
    }
    double span = initial - minimum;
    return step -> {
      checkStep(step);
      if (step >= steps) {
        return minimum;
      }
      return minimum + span * (1.0 + Math.cos(Math.PI * step / steps)) / 2.0;
    };
  }

  /**
   * This schedule after a linear warmup of {@code warmupSteps} steps: step {@code t} below
   * {@code warmupSteps} has rate {@code rate(0) · (t + 1) / (warmupSteps + 1)}, and step
   * {@code t} after it has this schedule's {@code rate(t − warmupSteps)}. The rate climbs in
   * equal increments to the schedule's first rate, reached at step {@code warmupSteps}; no step
   * has rate 0, which would waste an update. Warmup keeps the first updates small while Adam's
   * second moment is still estimated from few gradients.
   *
   * @param warmupSteps the number of warmup steps, {@code >= 0}; 0 returns this schedule
   * @return a new schedule (this one unchanged)
   */
  default LearningRateSchedule withWarmup(long warmupSteps) {
    if (warmupSteps < 0) {
      throw new IllegalArgumentException("withWarmup: warmupSteps must be >= 0, was "
          + warmupSteps);
    }
    if (warmupSteps == 0) {
      return this;
    }
    LearningRateSchedule after = this;
    double peak = rate(0);
    return step -> {
      checkStep(step);
      if (step < warmupSteps) {
        return peak * (step + 1) / (warmupSteps + 1);
      }
      return after.rate(step - warmupSteps);
    };
  }

  private static void checkStep(long step) {
    if (step < 0) {
      throw new IllegalArgumentException("a schedule's step must be >= 0, was " + step);
    }
  }

  private static void nonNegative(String schedule, String name, double value) {
    if (!(value >= 0.0 && value < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          schedule + ": " + name + " must be finite and >= 0, was " + value);
    }
  }

  private static void decayFactor(String schedule, double factor) {
    if (!(factor > 0.0 && factor <= 1.0)) {
      throw new IllegalArgumentException(
          schedule + ": factor must be in (0, 1], was " + factor);
    }
  }
}
