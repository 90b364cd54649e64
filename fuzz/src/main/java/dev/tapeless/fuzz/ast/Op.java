package dev.tapeless.fuzz.ast;

/** Binary operators; each knows its Java spelling and whether its result is boolean. */
public enum Op {
  ADD("+"),
  SUB("-"),
  MUL("*"),
  DIV("/"),
  REM("%"),
  LT("<"),
  LE("<="),
  GT(">"),
  GE(">="),
  EQ("=="),
  NE("!="),
  AND("&&"),
  OR("||");

  private final String java;

  Op(String java) {
    this.java = java;
  }

  public String java() {
    return java;
  }

  public boolean isArithmetic() {
    return ordinal() <= REM.ordinal();
  }

  public boolean isComparison() {
    return ordinal() >= LT.ordinal() && ordinal() <= NE.ordinal();
  }

  public boolean isLogical() {
    return this == AND || this == OR;
  }
}
