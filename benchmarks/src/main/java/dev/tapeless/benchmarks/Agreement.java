package dev.tapeless.benchmarks;

/**
 * Checks, before timing, that a generated gradient and the hand-written one it is compared with
 * are the same numbers, so that a benchmark never times two different computations.
 */
final class Agreement {
  /** Relative to the largest component of the gradient compared. */
  private static final double TOLERANCE = 1e-9;

  private Agreement() {}

  static void check(String what, double[][] generated, double[][] handWritten) {
    if (generated.length != handWritten.length) {
      throw new IllegalStateException(what + ": " + generated.length + " rows against "
          + handWritten.length);
    }
    for (int i = 0; i < generated.length; i++) {
      check(what + "[" + i + "]", generated[i], handWritten[i]);
    }
  }

  static void check(String what, double[] generated, double[] handWritten) {
    if (generated.length != handWritten.length) {
      throw new IllegalStateException(what + ": length " + generated.length + " against "
          + handWritten.length);
    }
    double scale = 0.0;
    for (int i = 0; i < generated.length; i++) {
      scale = Math.max(scale, Math.max(Math.abs(generated[i]), Math.abs(handWritten[i])));
    }
    for (int i = 0; i < generated.length; i++) {
      if (Math.abs(generated[i] - handWritten[i]) > TOLERANCE * Math.max(scale, 1e-300)) {
        throw new IllegalStateException(what + "[" + i + "]: generated " + generated[i]
            + ", hand-written " + handWritten[i]);
      }
    }
  }

  /** Σ g·t over two arrays of the same shape: a gradient along a direction. */
  static double along(double[][] gradient, double[][] direction) {
    double s = 0.0;
    for (int i = 0; i < gradient.length; i++) {
      s += along(gradient[i], direction[i]);
    }
    return s;
  }

  static double along(double[] gradient, double[] direction) {
    double s = 0.0;
    for (int i = 0; i < gradient.length; i++) {
      s += gradient[i] * direction[i];
    }
    return s;
  }

  /** A random direction of the shape of {@code like}. */
  static double[][] direction(double[][] like, java.util.Random rng) {
    double[][] d = new double[like.length][];
    for (int i = 0; i < like.length; i++) {
      d[i] = direction(like[i], rng);
    }
    return d;
  }

  static double[] direction(double[] like, java.util.Random rng) {
    double[] d = new double[like.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = rng.nextGaussian();
    }
    return d;
  }

  static void check(String what, double generated, double handWritten) {
    check(what, new double[] {generated}, new double[] {handWritten});
  }
}
