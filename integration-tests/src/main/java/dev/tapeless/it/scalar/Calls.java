package dev.tapeless.it.scalar;

import dev.tapeless.Differentiable;

/** Calls from one {@code @Differentiable} method to another, in this class and in others. */
public final class Calls {
  private Calls() {}

  @Differentiable
  public static double square(double x) {
    return x * x;
  }

  @Differentiable
  public static double sumOfSquares(double a, double b) {
    return square(a) + square(b);
  }

  /** The same callee twice, with arguments that share x. */
  @Differentiable
  public static double callTwice(double x, double y) {
    return square(x) * square(x + y);
  }

  @Differentiable
  public static double crossClass(double x, double y) {
    return Transcendental.sigmoid(x * y) + Arithmetic.e(x, y);
  }

  @Differentiable
  public static double chainLeaf(double x) {
    return Math.sin(x) * x;
  }

  @Differentiable
  public static double chainMiddle(double x, double y) {
    return chainLeaf(x * y) + y;
  }

  /** A chain of three: chainTop, chainMiddle, chainLeaf. */
  @Differentiable
  public static double chainTop(double x, double y) {
    return chainMiddle(x, y) * chainLeaf(y);
  }

  /** A chain of three across two classes: here, {@link Sharing#viaCalls}, {@link #square}. */
  @Differentiable
  public static double crossChain(double x, double y) {
    return Sharing.viaCalls(Math.exp(x), y) - x;
  }

  @Differentiable
  public static double callInBranch(double x) {
    return x > 0 ? square(x) : Transcendental.sigmoid(x);
  }

  /** One call has only constant arguments: its result is a constant. */
  @Differentiable
  public static double callWithConstantArgument(double x, double y) {
    return Transcendental.sigmoid(2.0) * x + square(y);
  }

  @Differentiable
  public static double callWithIntArgument(double x, int n) {
    return Mixed.intScale(x, n + 1) * square(x);
  }

  @Differentiable
  public static double callResultReassigned(double x) {
    double t = square(x);
    t = square(t) + t;
    t += Transcendental.softplus(t / 10);
    return t;
  }

  /** The callee differentiates only its first parameter; the others get constants. */
  @Differentiable
  public static double callIntoWrtSubset(double x, double y) {
    return Mixed.weighted(x, 2.0, 3.0) * y;
  }

  @Differentiable
  public static double callIntoNoDerivative(double x, double y) {
    return Mixed.huber(x * y, 1.5);
  }

  /** One argument passed to several parameters of the callee. */
  @Differentiable
  public static double sameArgumentTwice(double x) {
    return Arithmetic.product(x, x, x) + Arithmetic.quotient(x, x + 2);
  }

  @Differentiable
  public static double nestedCalls(double x) {
    return square(square(x)) + square(Arithmetic.quotient(x, 3.0));
  }

  @Differentiable
  public static double callInCondition(double x) {
    if (square(x) > 1) {
      return x;
    }
    return x * x * x;
  }
}
