package dev.tapeless.processor.rules;

/**
 * One term of a derivative rule: what to add to the adjoint of operand {@code operand}.
 *
 * <p>The template is Java source with placeholders: {@code $g} the incoming adjoint of the
 * result, {@code $r} the result, {@code $0}, {@code $1}, ... the operands.
 */
public record Partial(int operand, String template) {}
