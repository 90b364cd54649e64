package dev.tapeless.fuzz.ast;

import java.util.List;

/**
 * A parameter with what the checker needs to make arguments for it.
 *
 * @param dims for arrays, the {@link DimSym} id of each axis; for an int, the symbol whose value
 *     it receives; empty otherwise
 * @param jagged for a {@code double[][]}: rows may differ in length (each within the range of
 *     the second symbol)
 * @param member where the parameter sits in a record parameter of the printed signature, or
 *     null when it is a parameter of its own (see {@link Records})
 */
public record Param(Ty type, String name, boolean noDerivative, boolean out, List<Integer> dims,
    boolean jagged, Member member) {
  public Param {
    dims = List.copyOf(dims);
  }

  public Param(Ty type, String name, boolean noDerivative, boolean out, List<Integer> dims,
      boolean jagged) {
    this(type, name, noDerivative, out, dims, jagged, null);
  }

  public static Param scalar(Ty type, String name) {
    return new Param(type, name, false, false, List.of(), false);
  }

  public Param withNoDerivative(boolean value) {
    return new Param(type, name, value, out, dims, jagged, member);
  }

  public Param withMember(Member m) {
    return new Param(type, name, noDerivative, out, dims, jagged, m);
  }

  public Param withName(String newName) {
    return new Param(type, newName, noDerivative, out, dims, jagged, member);
  }

  public Param withDims(List<Integer> newDims) {
    return new Param(type, name, noDerivative, out, newDims, jagged, member);
  }

  /** Doubles and arrays of them: what a derivative can be taken with respect to. */
  public boolean isReal() {
    return type == Ty.DOUBLE || type == Ty.DARR || type == Ty.DMAT;
  }

  /** Long parameters and int[] contents take values in {@code [0, SMALL_MAX]}. */
  public static final int SMALL_MAX = 5;
}
