package dev.tapeless.processor.rules;

import java.util.List;

/** The derivative of one operation: its partials. An empty list means derivative zero. */
public record Rule(List<Partial> partials) {
  public Rule {
    partials = List.copyOf(partials);
  }

  public static final Rule ZERO = new Rule(List.of());

  public static Rule of(String... templatesByOperand) {
    Partial[] partials = new Partial[templatesByOperand.length];
    for (int i = 0; i < templatesByOperand.length; i++) {
      partials[i] = new Partial(i, templatesByOperand[i]);
    }
    return new Rule(List.of(partials));
  }
}
