package dev.tapeless.fuzz.ast;

/** Whom a call goes to: decides how both printers spell it. */
public enum CallKind {
  /** Another generated {@code @Differentiable} method of the same class. */
  GENERATED,
  /** A plain static helper of the class without a derivative (arguments never varied). */
  HELPER,
  /** A runtime kernel with a registered derivative, e.g. {@code Linear.dot}. */
  KERNEL
}
