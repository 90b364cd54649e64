package dev.tapeless.processor.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parses rule templates into literal text and placeholders ({@code $g}, {@code $r},
 * {@code $0}...). Shared by the analysis (which values a rule reads) and the
 * reverse mode (which writes the code).
 */
public final class Template {
  private Template() {}

  /** A piece of a template: literal Java text, or a placeholder name without the dollar. */
  public record Piece(String text, boolean placeholder) {}

  public static List<Piece> parse(String template) {
    List<Piece> pieces = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '$') {
        literal.append(c);
        i++;
        continue;
      }
      int end = i + 1;
      if (end < template.length() && Character.isDigit(template.charAt(end))) {
        while (end < template.length() && Character.isDigit(template.charAt(end))) {
          end++;
        }
      } else {
        end++;
      }
      if (literal.length() > 0) {
        pieces.add(new Piece(literal.toString(), false));
        literal.setLength(0);
      }
      pieces.add(new Piece(template.substring(i + 1, end), true));
      i = end;
    }
    if (literal.length() > 0) {
      pieces.add(new Piece(literal.toString(), false));
    }
    return pieces;
  }

  /** Calls {@code action} with each placeholder name of {@code template}. */
  public static void forEachPlaceholder(String template, Consumer<String> action) {
    for (Piece p : parse(template)) {
      if (p.placeholder()) {
        action.accept(p.text());
      }
    }
  }
}
