package dev.tapeless.processor.reverse;

import dev.tapeless.processor.ir.Origin;

/** One-line renderings of user statements, for the comments that head backward blocks. */
final class SourceComments {
  private SourceComments() {}

  static String of(Origin origin) {
    String text = bare(origin.text());
    return text.length() > 100 ? text.substring(0, 97) + "..." : text;
  }

  private static String bare(String text) {
    text = text.strip().replaceAll("\\s+", " ");
    return text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
  }
}
