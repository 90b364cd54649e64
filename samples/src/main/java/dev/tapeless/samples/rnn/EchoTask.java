package dev.tapeless.samples.rnn;

import java.util.Arrays;
import java.util.Random;

/**
 * A sequence task with a known answer: echo the input delayed by {@code delay} steps. The inputs
 * are random symbols 1..symbols−1, so nothing can be memorized; the target at step t is the input
 * of step t − delay, and {@link #BLANK} (0) for the first {@code delay} steps, before anything is
 * there to echo. A perfect net gets every step right; to do so it has to carry each symbol in its
 * state for {@code delay} steps, which is what backpropagation through time must teach it.
 *
 * <p>Chance level is 1/(symbols − 1) per echoed step: a net that has learned the blanks but
 * nothing else scores {@code delay/T + (T − delay)/(T · (symbols − 1))} overall.
 *
 * @param symbols the alphabet size, including the blank
 * @param steps the sequence length T
 * @param delay how many steps the echo lags behind the input
 */
public record EchoTask(int symbols, int steps, int delay) {

  /** The symbol to give while there is nothing to echo yet. */
  public static final int BLANK = 0;

  /** Validates the sizes. */
  public EchoTask {
    if (symbols < 3 || steps < 1 || delay < 0 || delay >= steps) {
      throw new IllegalArgumentException("need symbols >= 3 and 0 <= delay < steps, was "
          + symbols + " symbols, " + steps + " steps, delay " + delay);
    }
  }

  /**
   * One sequence.
   *
   * @param inputs {@code inputs[t - 1]} is the symbol read at step t
   * @param x {@code x[t - 1]} is xᵗ, the one-hot encoding of {@code inputs[t - 1]}
   * @param targets {@code targets[t - 1]} is the symbol to give at step t
   */
  public record Sequence(int[] inputs, double[][] x, int[] targets) {}

  /** A new sequence of arrays to fill with {@link #fill}. */
  public Sequence newSequence() {
    return new Sequence(new int[steps], new double[steps][symbols], new int[steps]);
  }

  /** Draws a random sequence into {@code s}, reusing its arrays. */
  public void fill(Sequence s, Random rng) {
    for (int t = 0; t < steps; t++) {
      s.inputs()[t] = 1 + rng.nextInt(symbols - 1);
      Arrays.fill(s.x()[t], 0.0);
      s.x()[t][s.inputs()[t]] = 1.0;
      s.targets()[t] = t < delay ? BLANK : s.inputs()[t - delay];
    }
  }

  /** {@code count} random sequences. */
  public Sequence[] sample(int count, Random rng) {
    Sequence[] sequences = new Sequence[count];
    for (int k = 0; k < count; k++) {
      sequences[k] = newSequence();
      fill(sequences[k], rng);
    }
    return sequences;
  }

  /** The best overall accuracy without memory: blanks right, echoed steps at chance. */
  public double chanceAccuracy() {
    return (delay + (steps - delay) / (double) (symbols - 1)) / steps;
  }
}
