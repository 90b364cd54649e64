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
  VOID("void");

  private final String java;

  Ty(String java) {
    this.java = java;
  }

  /** The Java spelling, as in a declaration. */
  public String java() {
    return java;
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
