package dev.tapeless.samples.seed;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints a generated derivative next to the value derived by hand, so that each sample shows
 * its own check instead of asking the reader to trust it.
 */
final class Compare {
  private Compare() {}

  /**
   * One line: {@code name = tapeless  (by hand: formula = byHand, difference d)}.
   *
   * @param formula how the hand value is obtained, e.g. {@code "b + 1"}
   */
  static void line(PrintStream out, String name, double tapeless, String formula, double byHand) {
    out.printf(
        Locale.ROOT,
        "  %s = %.6f   (by hand: %s = %s, difference %.1e)%n",
        name,
        tapeless,
        formula,
        handValue(byHand),
        tapeless - byHand);
  }

  /** A hand-derived value: whole numbers as such (3, not 3.000000), others with six decimals. */
  static String handValue(double v) {
    return v == Math.rint(v) ? number(v) : String.format(Locale.ROOT, "%.6f", v);
  }

  /**
   * A value as a hand derivation writes it: six decimals without trailing zeros, so 3 and 0.5
   * stay 3 and 0.5.
   */
  static String number(double v) {
    String s = String.format(Locale.ROOT, "%.6f", v);
    s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    return s.equals("-0") ? "0" : s;
  }
}
