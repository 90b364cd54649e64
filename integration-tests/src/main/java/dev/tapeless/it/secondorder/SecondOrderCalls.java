package dev.tapeless.it.secondorder;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import dev.tapeless.runtime.Activations;
import dev.tapeless.runtime.Linear;

/**
 * Calls and second order: {@code hvp} goes through calls to other {@code @Differentiable}
 * methods, and through calls on constants, which are only values; it does not go through a
 * runtime kernel whose arguments carry a derivative yet, and must say so, naming the kernel.
 */
public final class SecondOrderCalls {
  private SecondOrderCalls() {}

  /** A runtime kernel with a {@code @CustomDerivative}, on a varying argument. */
  @Differentiable
  public static double activation(double x) {
    return Activations.tanh(x) * x;
  }

  /** A {@code Linear} kernel on varying arrays. */
  @Differentiable
  public static double dot(double[] x, double[] y) {
    return Linear.dot(x, y) * 0.5;
  }

  /** Another {@code @Differentiable} method, on varying arguments, twice. */
  @Differentiable
  public static double differentiableCallee(double x, double y) {
    return 2 * Curvatures.hyperbolic(x, y) + Curvatures.exponentials(y, x) * x;
  }

  /**
   * A {@code @Differentiable} callee with an array argument, in a loop: each row of A copied
   * into one local array that every call reads (hvp does not pass rows to callees yet).
   */
  @Differentiable
  public static double calleeInALoop(double[][] A, double[] x) {
    double[] row = new double[A[0].length];
    double s = 0;
    for (int i = 0; i < A.length; i++) {
      System.arraycopy(A[i], 0, row, 0, row.length);
      s += Curvatures.loopBreakContinue(row, x[i] * x[i] + 0.5);
    }
    return s;
  }

  /** Rows passed to a {@code @Differentiable} callee: {@link #calleeInALoop} without the copy. */
  @Differentiable
  public static double rowToCallee(double[][] A, double[] x) {
    double s = 0;
    for (int i = 0; i < A.length; i++) {
      s += Curvatures.loopBreakContinue(A[i], x[i] * x[i] + 0.5);
    }
    return s;
  }

  /** A callee with a local array, which second order cannot inline inside a loop yet. */
  @Differentiable
  public static double squares(double[] x) {
    double[] t = new double[x.length];
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      t[i] = x[i] * x[i];
      s += t[i];
    }
    return s;
  }

  /** {@link #squares} called in a loop: its local array is created again on each call. */
  @Differentiable
  public static double localArrayCalleeInALoop(double[] x) {
    double s = 0;
    for (int k = 1; k <= 2; k++) {
      s += squares(x) * k;
    }
    return s;
  }

  /** Half the sum of fourth powers, through a local array the backward sweep reads. */
  @Differentiable
  public static double quartics(double[] x) {
    double[] t = new double[x.length];
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      t[i] = x[i] * x[i];
      s += 0.5 * t[i] * t[i];
    }
    return s;
  }

  /** {@link #quartics} of each row: one local array per call, of the row's length. */
  @Differentiable
  public static double quarticsOfRows(double[][] rows) {
    double s = 0;
    for (int i = 0; i < rows.length; i++) {
      s += quartics(rows[i]) * (i + 1);
    }
    return s;
  }

  /** A kernel on a constant array: its result is a constant factor. */
  @Differentiable
  public static double kernelOnConstants(double x, @NoDerivative double[] w) {
    return Linear.dot(w, w) * x * x;
  }

  /** A {@code @Differentiable} callee on a constant: its result is a constant factor. */
  @Differentiable
  public static double calleeOnConstants(double x, @NoDerivative double c) {
    return Curvatures.hyperbolic(c, c) * x * x * x;
  }
}
