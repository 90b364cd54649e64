package dev.tapeless.it.objects;

/**
 * A deterministic stand-in for a random source that records every call: each call returns the
 * next value of a fixed sequence, so a test can count calls and recompute the plain method.
 */
public final class CountingSource {
  /** How many calls were made, of any method. */
  public int calls;

  /** A readable field: its value never changes, so reading it twice is harmless. */
  public final double scale;

  public CountingSource(double scale) {
    this.scale = scale;
  }

  /** The next value, in [-1, 1): a different one on every call. */
  public double next() {
    calls++;
    return Math.sin(1.7 * calls + 0.3);
  }

  /** The next index below {@code n}. */
  public int nextIndex(int n) {
    calls++;
    return (calls * 7 + 3) % n;
  }

  /** Whether to take the next step: true on two calls out of three. */
  public boolean nextFlip() {
    calls++;
    return calls % 3 != 0;
  }

  /** A call made for its effect only: the plain method's count includes it. */
  public void tick() {
    calls++;
  }
}
