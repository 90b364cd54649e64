package dev.tapeless.fuzz.ast;

/** The types a generated program uses: the scalar and array types of the differentiable subset. */
public enum Ty {
  DOUBLE("double"),
  INT("int"),
  LONG("long"),
  BOOLEAN("boolean"),
  DARR("double[]"),
  DMAT("double[][]"),
  IARR("int[]"),
  VOID("void"),
  /** A {@code @NoDerivative java.util.Random}: an object whose draws are constants. */
  RANDOM("java.util.Random"),
  /** A {@code @NoDerivative java.util.SplittableRandom}. */
  SPLITTABLE("java.util.SplittableRandom"),
  /** A read-only {@code List<double[]>}: data, never differentiated. */
  LIST("java.util.List<double[]>"),
  /** A read-only {@code List<double[][]>}. */
  LIST2("java.util.List<double[][]>");

  private final String java;

  Ty(String java) {
    this.java = java;
  }

  /** The Java spelling, as in a declaration. */
  public String java() {
    return java;
  }

  /** An object passed {@code @NoDerivative}: a random source. */
  public boolean isObject() {
    return this == RANDOM || this == SPLITTABLE;
  }

  /** A list of arrays. */
  public boolean isList() {
    return this == LIST || this == LIST2;
  }

  /** The type of {@code xs.get(i)} for a list of this type. */
  public Ty listElement() {
    return this == LIST ? DARR : DMAT;
  }

  public boolean isArray() {
    return this == DARR || this == DMAT || this == IARR;
  }

  /** Integer-valued scalars: int and long. */
  public boolean isIntegral() {
    return this == INT || this == LONG;
  }

  public boolean isNumeric() {
    return this == DOUBLE || this == INT || this == LONG;
  }

  /** The type of {@code a[i]} for an array of this type. */
  public Ty element() {
    return switch (this) {
      case DARR -> DOUBLE;
      case DMAT -> DARR;
      case IARR -> INT;
      default -> throw new IllegalStateException(this + " is not an array");
    };
  }

  /** Number of array dimensions. */
  public int rank() {
    return switch (this) {
      case DARR, IARR -> 1;
      case DMAT -> 2;
      default -> 0;
    };
  }

  /** Binary numeric promotion (JLS 5.6.2) of two numeric types. */
  public static Ty promote(Ty a, Ty b) {
    if (a == DOUBLE || b == DOUBLE) {
      return DOUBLE;
    }
    if (a == LONG || b == LONG) {
      return LONG;
    }
    return INT;
  }
}
