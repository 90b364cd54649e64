package dev.tapeless.it.arrays;

import dev.tapeless.Differentiable;
import dev.tapeless.Out;
import dev.tapeless.runtime.Activations;
import dev.tapeless.runtime.Linear;

/**
 * Calls to other {@code @Differentiable} methods with array arguments: whole arrays, rows of a
 * matrix passed to a 1-D method, and {@code @Out} callees writing a local array.
 */
public final class ArrayCalls {
  private ArrayCalls() {}

  /** Each row of W goes to a 1-D callee: {@code Σ_i tanh(W_i · x)}. */
  @Differentiable
  public static double rowDotsTanh(double[][] W, double[] x) {
    double s = 0;
    for (int i = 0; i < W.length; i++) {
      s += Math.tanh(Reductions.dot(W[i], x));
    }
    return s;
  }

  /** The sum of the row norms: one callee, once per row, added straight into the sum. */
  @Differentiable
  public static double sumOfRowNorms(double[][] W) {
    double s = 0;
    for (int i = 0; i < W.length; i++) {
      s += Reductions.norm(W[i]);
    }
    return s;
  }

  /** Calls and kernels as the right-hand side of {@code +=} and {@code -=}. */
  @Differentiable
  public static double callsInCompoundAssignments(double[][] W, double[] x) {
    double s = 0;
    for (int i = 0; i < W.length; i++) {
      s += Linear.dot(W[i], x);
      s -= Reductions.weightedPrefix(W[i], 1);
    }
    s -= Reductions.norm(x);
    s += Activations.softplus(x[0]);
    return s;
  }

  /** {@code y[i] += kernel(row)}: an output element accumulated from a call. */
  @Differentiable
  public static void matvecByRows(double[][] W, double[] x, double[] b, @Out double[] y) {
    for (int i = 0; i < W.length; i++) {
      y[i] = b[i];
      y[i] += Linear.dot(W[i], x);
      y[i] -= Reductions.dot(W[i], W[i]) * 0.5;
    }
  }

  /** A callee that both returns a value and writes an output: the caller uses both. */
  @Differentiable
  public static double valueAndOutputsOfCallee(double[][] W, double[] b, double[] x) {
    double[] a = new double[W.length];
    double v = Kernels.denseLayer(W, b, x, a);
    return v * Linear.sum(a) + Reductions.norm(a);
  }

  /** A callee writes this method's own output, which the returned value then reduces. */
  @Differentiable
  public static double squashIntoOwnOutput(double[] x, @Out double[] y) {
    Outputs.squash(x, y);
    return Reductions.sum(y) + Reductions.norm(y);
  }

  /** Three levels of {@code @Out} callees: here, normalizedSquash, squash. */
  @Differentiable
  public static void chainOfOutCallees(double[] x, @Out double[] z) {
    double[] t = new double[x.length];
    normalizedSquash(x, t);
    Outputs.squash(t, z);
  }

  /** The same array to both parameters of a callee, and a callee result reused. */
  @Differentiable
  public static double sameArrayTwice(double[] x) {
    double q = Reductions.dot(x, x);
    return q * Reductions.weightedMean(x, x) + Reductions.variance(x) / q;
  }

  /** An {@code @Out} callee writes a local, which a second callee reduces. */
  @Differentiable
  public static double affineThenNorm(double[][] W, double[] x, double[] b) {
    double[] y = new double[W.length];
    Matrices.affine(W, x, b, y);
    return Reductions.norm(y);
  }

  /** Two layers through an {@code @Out} callee, with tanh applied in place in between. */
  @Differentiable
  public static double twoLayers(
      double[][] W1, double[] b1, double[][] W2, double[] b2, double[] x) {
    double[] h = new double[W1.length];
    double[] out = new double[W2.length];
    Matrices.affine(W1, x, b1, h);
    for (int i = 0; i < h.length; i++) {
      h[i] = Math.tanh(h[i]);
    }
    Matrices.affine(W2, h, b2, out);
    double s = 0;
    for (int i = 0; i < out.length; i++) {
      s += out[i] * out[i];
    }
    return 0.5 * s;
  }

  /** Row i of a local matrix is written by one call and read by the next iteration's call. */
  @Differentiable
  public static double rowsOfLocalMatrix(double[][] W, double[] x0) {
    int steps = 3;
    double[][] states = new double[steps + 1][x0.length];
    for (int j = 0; j < x0.length; j++) {
      states[0][j] = x0[j];
    }
    for (int t = 0; t < steps; t++) {
      Outputs.squash(states[t], states[t + 1]);
      for (int j = 0; j < x0.length; j++) {
        states[t + 1][j] = states[t + 1][j] * Reductions.dot(W[j], states[t]);
      }
    }
    return Reductions.sum(states[steps]);
  }

  /** A void {@code @Out} method that itself calls an {@code @Out} callee and a reducing one. */
  @Differentiable
  public static void normalizedSquash(double[] x, @Out double[] y) {
    double[] t = new double[x.length];
    Outputs.squash(x, t);
    double n = Reductions.norm(t);
    for (int i = 0; i < y.length; i++) {
      y[i] = t[i] / n;
    }
  }
}
