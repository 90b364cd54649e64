package dev.tapeless.fuzz.ast;

/** {@code =} and the compound assignments. */
public enum AssignOp {
  SET("=", null),
  ADD("+=", Op.ADD),
  SUB("-=", Op.SUB),
  MUL("*=", Op.MUL),
  DIV("/=", Op.DIV),
  REM("%=", Op.REM);

  private final String java;
  private final Op binary;

  AssignOp(String java, Op binary) {
    this.java = java;
    this.binary = binary;
  }

  public String java() {
    return java;
  }

  /** The operator a compound assignment applies, or null for {@code =}. */
  public Op binary() {
    return binary;
  }
}
