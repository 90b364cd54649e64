package dev.tapeless.processor.ir;

/** Unary operators, with their Java spelling. */
public enum UnaryOp {
  NEG("-"),
  PLUS("+"),
  NOT("!"),
  COMPLEMENT("~");

  private final String symbol;

  UnaryOp(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }
}
