package dev.tapeless.fuzz.print;

/** Java spellings of literals that both printers share. */
final class Literals {
  private Literals() {}

  static String dbl(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("no literal for " + v);
    }
    String s = Double.toString(v);
    return v < 0 || (v == 0 && 1 / v < 0) ? "(" + s + ")" : s;
  }

  static String integral(long v, boolean isLong) {
    String s = Long.toString(v) + (isLong ? "L" : "");
    return v < 0 ? "(" + s + ")" : s;
  }
}
