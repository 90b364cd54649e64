package dev.tapeless.fuzz.ast;

/**
 * A length a method's parameters share: every array axis and int parameter bound to the same
 * symbol has the same value at run time, drawn from {@code [min, max]}. This is how the generator
 * knows that {@code x[i]} is in bounds inside {@code for (i < y.length)}.
 */
public record DimSym(int id, int min, int max) {
  public DimSym {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException("bad range " + min + ".." + max);
    }
  }
}
