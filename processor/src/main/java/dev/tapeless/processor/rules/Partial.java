package dev.tapeless.processor.rules;

/**
 * One term of a derivative rule: what to add to the adjoint of operand {@code operand}.
 *
 * <p>The template is Java source with placeholders: {@code $g} the incoming adjoint of the
 * result, {@code $r} the result, {@code $0}, {@code $1}, ... the operands.
 *
 * @param smooth the same term without the zero-adjoint guard of {@link Rule#guarded}: the
 *     guard is a branch on {@code $g}, and second order differentiates the term again, where
 *     a tangent that is zero at one point but not around it must still have its derivative
 */
public record Partial(int operand, String template, String smooth) {
  public Partial(int operand, String template) {
    this(operand, template, template);
  }

  /** The same term with another smooth form, for second order. */
  public Partial withSmooth(String otherSmooth) {
    return new Partial(operand, template, otherSmooth);
  }

  /** Whether the first-order template guards a zero adjoint (see {@link Rule#guarded}). */
  public boolean guarded() {
    return !template.equals(smooth);
  }

  /** The same term for another operand. */
  public Partial at(int otherOperand) {
    return new Partial(otherOperand, template, smooth);
  }
}
