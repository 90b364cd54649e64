package dev.tapeless.processor.rules;

import java.util.List;

/**
 * The derivative of one operation: an optional statement to run first (a callee's frame
 * computing its gradient) and the partials. An empty partial list means derivative zero.
 */
public record Rule(String prelude, List<Partial> partials) {
  public Rule {
    partials = List.copyOf(partials);
  }

  public static final Rule ZERO = new Rule(null, List.of());

  public static Rule of(String... templatesByOperand) {
    Partial[] partials = new Partial[templatesByOperand.length];
    for (int i = 0; i < templatesByOperand.length; i++) {
      partials[i] = new Partial(i, templatesByOperand[i]);
    }
    return new Rule(null, List.of(partials));
  }

  /** The partial for operand {@code i}, or null when the rule has none for it. */
  public Partial partialFor(int i) {
    for (Partial p : partials) {
      if (p.operand() == i) {
        return p;
      }
    }
    return null;
  }
}
