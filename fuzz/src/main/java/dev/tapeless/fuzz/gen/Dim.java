package dev.tapeless.fuzz.gen;

/**
 * A length as the generator knows it while writing a body: a parameter's symbol, a constant,
 * or the size of a local array. Two axes with the same {@code Dim} object have equal lengths at
 * run time; the value lies in {@code [min, max]}.
 */
final class Dim {
  final int min;
  final int max;
  /** The parameter symbol id, or -1 for lengths the method itself makes. */
  final int symbol;
  /** Whether this is the fixed length of a literal-sized local. */
  final boolean fixed;

  Dim(int min, int max, int symbol, boolean fixed) {
    this.min = min;
    this.max = max;
    this.symbol = symbol;
    this.fixed = fixed;
  }

  static Dim fixed(int n) {
    return new Dim(n, n, -1, true);
  }

  static Dim unknown(int min, int max) {
    return new Dim(min, max, -1, false);
  }

  @Override
  public String toString() {
    return "Dim[" + min + ".." + max + (symbol >= 0 ? " s" + symbol : "") + "]";
  }
}
