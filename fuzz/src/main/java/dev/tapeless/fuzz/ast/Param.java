package dev.tapeless.fuzz.ast;

import java.util.List;

/**
 * A parameter with what the checker needs to make arguments for it.
 *
 * @param dims for arrays, the {@link DimSym} id of each axis; for an int, the symbol whose value
 *     it receives; empty otherwise
 * @param jagged for a {@code double[][]}: rows may differ in length (each within the range of
 *     the second symbol)
 */
public record Param(Ty type, String name, boolean noDerivative, boolean out, List<Integer> dims,
    boolean jagged) {
  public Param {
    dims = List.copyOf(dims);
  }

  public static Param scalar(Ty type, String name) {
    return new Param(type, name, false, false, List.of(), false);
  }

  public Param withNoDerivative(boolean value) {
    return new Param(type, name, value, out, dims, jagged);
  }

  /** Long parameters and int[] contents take values in {@code [0, SMALL_MAX]}. */
  public static final int SMALL_MAX = 5;
}
