package dev.tapeless.samples.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one tolerance of these tests: generated and hand-derived gradients agree to 1e-12. */
final class Close {
  private Close() {}

  /** Relative tolerance; only rounding separates the two computations. */
  static final double RELATIVE = 1e-12;

  /** Asserts {@code |actual − expected| ≤ 1e-12·|expected|} (exact equality for 0). */
  static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, RELATIVE * Math.abs(expected), what);
  }
}
