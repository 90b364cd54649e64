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

  /** A float literal for {@code v} rounded to float: the value a float program starts from. */
  static String flt(double v) {
    float f = (float) v;
    if (Float.isNaN(f) || Float.isInfinite(f)) {
      throw new IllegalArgumentException("no float literal for " + v);
    }
    String s = Float.toString(f) + "f";
    return f < 0 || (f == 0 && 1 / f < 0) ? "(" + s + ")" : s;
  }

  static String integral(long v, boolean isLong) {
    String s = Long.toString(v) + (isLong ? "L" : "");
    return v < 0 ? "(" + s + ")" : s;
  }
}
