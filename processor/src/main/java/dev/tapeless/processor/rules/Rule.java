package dev.tapeless.processor.rules;

import java.util.List;

/** The derivative of one operation: its partials. An empty list means derivative zero. */
public record Rule(List<Partial> partials) {
  public Rule {
    partials = List.copyOf(partials);
  }

  public static final Rule ZERO = new Rule(List.of());

  /**
   * A rule whose partials can be infinite or NaN where the operands are finite (a square root
   * at 0, a division by 0 whose result nobody uses): each partial contributes exactly 0 when the
   * incoming adjoint is 0, so an unused value never turns a gradient into NaN.
   */
  public static Rule guarded(String... templatesByOperand) {
    Partial[] partials = new Partial[templatesByOperand.length];
    for (int i = 0; i < partials.length; i++) {
      partials[i] = new Partial(i, "($g == 0.0 ? 0.0 : " + templatesByOperand[i] + ")",
          templatesByOperand[i]);
    }
    return new Rule(List.of(partials));
  }

  public static Rule of(String... templatesByOperand) {
    Partial[] partials = new Partial[templatesByOperand.length];
    for (int i = 0; i < templatesByOperand.length; i++) {
      partials[i] = new Partial(i, templatesByOperand[i]);
    }
    return new Rule(List.of(partials));
  }
}
