package dev.tapeless.fuzz.run;

/**
 * One compiler message: the file it is in (its simple name, or "" when it has none), its line
 * and its text.
 */
public record Diag(boolean error, String file, long line, String message) {
  /** The first line of the message. */
  public String firstLine() {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  @Override
  public String toString() {
    return file + ":" + line + ": " + message;
  }
}
