package dev.tapeless.fuzz.print;

/** Source text with indentation and a line counter, so printers can report where methods are. */
final class Src {
  private final StringBuilder sb = new StringBuilder();
  private int indent;
  private int line = 1;

  Src line(String text) {
    sb.append("  ".repeat(indent)).append(text).append('\n');
    line++;
    return this;
  }

  Src open(String text) {
    line(text);
    indent++;
    return this;
  }

  Src close(String text) {
    indent--;
    line(text);
    return this;
  }

  /** Indents the following lines without writing one (after {@code close("} else {")}). */
  void in() {
    indent++;
  }

  /** The number of the next line to be written. */
  int nextLine() {
    return line;
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
