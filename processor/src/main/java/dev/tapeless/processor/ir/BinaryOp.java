package dev.tapeless.processor.ir;

/** Binary operators, with their Java spelling. */
public enum BinaryOp {
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
  OR("||"),
  BIT_AND("&"),
  BIT_OR("|"),
  XOR("^"),
  SHL("<<"),
  SHR(">>"),
  USHR(">>>");

  private final String symbol;

  BinaryOp(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }
}
