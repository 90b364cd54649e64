package dev.tapeless.it.objects;

/** Market data a pricing method reads but does not differentiate: fields and a method. */
public final class Market {
  public final double rate;
  public final int steps;
  private final double[] forwards;

  public Market(double rate, int steps, double[] forwards) {
    this.rate = rate;
    this.steps = steps;
    this.forwards = forwards.clone();
  }

  /** The forward at step {@code i}. */
  public double forward(int i) {
    return forwards[i % forwards.length];
  }

  /** The discount factor to time {@code t}. */
  public double discount(double t) {
    return Math.exp(-rate * t);
  }
}
