package dev.tapeless.it.arrays;

import dev.tapeless.Differentiable;
import dev.tapeless.Out;
import dev.tapeless.runtime.Activations;
import dev.tapeless.runtime.Linear;

/**
 * What makes reverse mode hard: values overwritten before the backward sweep needs them (loop
 * bounds, int indices, buffers reused across iterations, arrays changed after a call read them),
 * loops whose trip count is not their bound (break, an index advanced in the body, a bound that
 * shrinks), permutations chosen by the data, and long loops whose saved values must grow.
 */
public final class Hazards {
  private Hazards() {}

  /** The upper bound reads k, which changes after the loop: the reverse loop must not reread it. */
  @Differentiable
  public static double boundChangesAfterLoop(double[] x) {
    int k = 1;
    double s = 0;
    for (int i = 0; i < x.length - k; i++) {
      s += x[i] * x[i] * (i + 1);
    }
    k = x.length;
    return s + k;
  }

  /** The lower bound of a loop counting down reads a, which changes after the loop. */
  @Differentiable
  public static double lowerBoundChangesAfterLoop(double[] x) {
    int a = 1;
    double s = 0;
    for (int i = x.length - 1; i >= a; i--) {
      s += x[i] * x[i - 1];
    }
    a = 0;
    return s + a;
  }

  /** The bound shrinks inside the loop, by a data-dependent branch. */
  @Differentiable
  public static double boundShrinksInLoop(double[] x) {
    int n = x.length;
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += Math.sin(x[i]) * (i + 1);
      if (x[i] > 0) {
        n--;
      }
    }
    return s;
  }

  /** The index is also advanced in the body: the loop skips the element after a positive one. */
  @Differentiable
  public static double indexAdvancedInBody(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[i] * (i + 1);
      if (x[i] > 0) {
        i++;
      }
    }
    return s;
  }

  /** A counted loop left by break: the trip count is not the bound. */
  @Differentiable
  public static double countedLoopWithBreak(double[] x, double limit) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[i];
      if (s > limit) {
        break;
      }
    }
    return s;
  }

  /** A callee reads a local array that later iterations change: reversing it needs the old one. */
  @Differentiable
  public static double arrayChangedAfterCall(double[] x) {
    int n = x.length;
    double[] a = new double[n];
    double s = 0;
    for (int t = 0; t < 3; t++) {
      for (int j = 0; j < n; j++) {
        a[j] = a[j] + x[j] * (t + 1);
      }
      s += Reductions.norm(a);
    }
    return s;
  }

  /** The same for kernels, whose pullbacks read their arguments. */
  @Differentiable
  public static double arrayChangedAfterKernel(double[] x, double[] v) {
    int n = x.length;
    double[] a = new double[n];
    double s = 0;
    for (int t = 0; t < 3; t++) {
      for (int j = 0; j < n; j++) {
        a[j] = a[j] + x[j] * (t + 1);
      }
      s += Linear.dot(a, v) * Linear.dot(a, a);
    }
    return s;
  }

  /** A kernel's output buffer is reused every iteration; tanh's pullback reads that output. */
  @Differentiable
  public static double reusedKernelBuffer(double[] x, double w) {
    int n = x.length;
    double[] h = new double[n];
    double[] a = new double[n];
    for (int t = 0; t < 3; t++) {
      for (int j = 0; j < n; j++) {
        h[j] = w * h[j] + x[j];
      }
      Activations.tanh(h, a);
      for (int j = 0; j < n; j++) {
        h[j] = a[j];
      }
    }
    return Linear.sum(h);
  }

  /** An {@code @Out} callee's buffer is reused every iteration. */
  @Differentiable
  public static double reusedCalleeBuffer(double[] x, double w) {
    int n = x.length;
    double[] h = new double[n];
    double[] a = new double[n];
    for (int t = 0; t < 3; t++) {
      for (int j = 0; j < n; j++) {
        h[j] = w * a[j] + x[j];
      }
      Outputs.squash(h, a);
    }
    double s = 0;
    for (int j = 0; j < n; j++) {
      s += a[j];
    }
    return s;
  }

  /** An int local used as an index and changed every iteration. */
  @Differentiable
  public static double rotatingIndex(double[] x, int m) {
    double[] a = new double[m];
    for (int j = 0; j < m; j++) {
      a[j] = 1;
    }
    int j = 0;
    for (int i = 0; i < x.length; i++) {
      a[j] = a[j] * x[i] + Math.sin(a[j]);
      j = (j + 1) % m;
    }
    double s = 0;
    for (int k = 0; k < m; k++) {
      s += a[k] * a[k];
    }
    return s;
  }

  /** Compound assignments whose right side reads the element they change. */
  @Differentiable
  public static double selfCompound(double[] x) {
    int n = x.length;
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = x[i];
      a[i] *= a[i];
      a[i] += a[i];
      a[i] *= a[i];
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += a[i];
    }
    return s;
  }

  /** Insertion sort into a local array, then a rank-weighted sum: a data-chosen permutation. */
  @Differentiable
  public static double insertionSort(double[] x) {
    int n = x.length;
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = x[i];
    }
    for (int i = 1; i < n; i++) {
      double key = a[i];
      int j = i - 1;
      while (j >= 0 && a[j] > key) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = key;
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += a[i] * (i + 1) * a[i];
    }
    return s;
  }

  /** Every element overwritten in every outer iteration, reading a neighbour. */
  @Differentiable
  public static double repeatedOverwrite(double[] x, double w) {
    int n = x.length;
    double[] a = new double[n];
    for (int j = 0; j < n; j++) {
      a[j] = x[j];
    }
    for (int t = 0; t < 4; t++) {
      for (int j = 0; j < n; j++) {
        a[j] = Math.sin(a[j]) * w + a[(j + 1) % n];
      }
    }
    double s = 0;
    for (int j = 0; j < n; j++) {
      s += a[j];
    }
    return s;
  }

  /** Enhanced for over a local array that the body changes ahead of the loop variable. */
  @Differentiable
  public static double enhancedForOverChangingLocal(double[] x) {
    int n = x.length;
    double[] a = new double[n];
    for (int j = 0; j < n; j++) {
      a[j] = x[j];
    }
    double s = 0;
    int k = 0;
    for (double v : a) {
      s += v * v;
      a[(k + 1) % n] = a[(k + 1) % n] * v;
      k++;
    }
    return s;
  }

  /** A running maximum with Math.max: the gradient goes to the largest element. */
  @Differentiable
  public static double maxPool(double[] x) {
    double m = x[0];
    for (int i = 1; i < x.length; i++) {
      m = Math.max(m, x[i]);
    }
    return m * m;
  }

  /** A double loop counter: not a counted loop, its trip count is recorded. */
  @Differentiable
  public static double doubleCounter(double a) {
    double s = 0;
    for (double t = 0; t < 1; t += 0.25) {
      s += Math.sin(a * t);
    }
    return s;
  }

  /** Continue inside a do-while jumps to the condition. */
  @Differentiable
  public static double doWhileContinue(double[] x) {
    double s = 0;
    int i = -1;
    do {
      i++;
      if (x[i] < 0) {
        continue;
      }
      s += x[i] * x[i];
    } while (i < x.length - 1);
    return s;
  }

  /** Twenty thousand Euler steps: the saved values grow far past any initial capacity. */
  @Differentiable
  public static double longEuler(double k, double y0) {
    double y = y0;
    double dt = 1e-4;
    for (int i = 0; i < 20_000; i++) {
      y = y + dt * (-k * y + Math.sin(y));
    }
    return y;
  }

  /** A scalar parameter reassigned in every iteration. */
  @Differentiable
  public static double parameterReassignedInLoop(double x, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      x = x * 0.9 + Math.sin(x);
      s += x;
    }
    return s;
  }

  /** Kernels reading and writing rows of local matrices: states of a recurrent net. */
  @Differentiable
  public static double kernelsOnLocalRows(double[][] W, double[] x0) {
    int n = x0.length;
    double[][] h = new double[4][n];
    double[][] z = new double[3][n];
    for (int j = 0; j < n; j++) {
      h[0][j] = x0[j];
    }
    for (int t = 0; t < 3; t++) {
      Linear.matvec(W, h[t], z[t]);
      Activations.tanh(z[t], h[t + 1]);
    }
    return Linear.sum(h[3]);
  }

  /** Rows of a jagged matrix passed to a callee: each call sees another length. */
  @Differentiable
  public static double jaggedRowsToCallee(double[][] J) {
    double s = 0;
    for (int i = 0; i < J.length; i++) {
      double q = Reductions.norm(J[i]);
      s += q * (i + 1);
    }
    return s;
  }

  /** A callee with a while loop of its own, called in a loop. */
  @Differentiable
  public static double calleeWithWhileLoop(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double r = ControlFlow.newtonSqrt(x[i] * x[i] + 1);
      s += r * x[i];
    }
    return s;
  }

  /** A while condition that reads the array. */
  @Differentiable
  public static double whileConditionReadsArray(double[] x) {
    int i = 0;
    double s = 0;
    while (i < x.length && x[i] > -1) {
      s += x[i] * x[i] * x[i];
      i++;
    }
    return s;
  }

  /** Every compound assignment and ++ on the elements of a local matrix. */
  @Differentiable
  public static double matrixElementCompound(double[][] W, double[] x) {
    int m = W.length;
    int n = x.length;
    double[][] h = new double[m][n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        h[i][j] = W[i][j];
        h[i][j] *= x[j];
        h[i][j]++;
        h[i][j] *= h[i][j];
        h[i][j] /= 1 + x[j] * x[j];
      }
    }
    double s = 0;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        s += h[i][j];
      }
    }
    return s;
  }

  /** {@code a[i] = a[j] * a[i] + sin(a[j])} where i and j sometimes coincide. */
  @Differentiable
  public static double possiblySameElement(double[] x, int[] p) {
    int n = x.length;
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = x[i];
    }
    for (int k = 0; k < p.length; k++) {
      int i = k % n;
      int j = p[k];
      a[i] = a[j] * a[i] + Math.sin(a[j]);
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += a[i];
    }
    return s;
  }

  /** Two-argument Math functions of neighbouring elements. */
  @Differentiable
  public static double binaryMath(double[] x) {
    double s = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      s += Math.atan2(x[i], x[i + 1]) + Math.hypot(x[i], x[i + 1])
          + Math.pow(Math.abs(x[i]) + 1, x[i + 1]);
    }
    return s;
  }

  /** A boolean and an int parameter choose between two loops. */
  @Differentiable
  public static double flagChoosesLoop(double[] x, boolean reverse, int scale) {
    double s = 0;
    if (reverse) {
      for (int i = x.length - 1; i >= 0; i--) {
        s = s * 0.5 + x[i] * scale;
      }
    } else {
      for (int i = 0; i < x.length; i++) {
        s = s * 0.5 + x[i] * scale;
      }
    }
    return s;
  }

  /** Three nested loops, the middle one left by a data-dependent break. */
  @Differentiable
  public static double breakInMiddleLoop(double[][] A, double[] x) {
    double s = 0;
    for (int r = 0; r < 2; r++) {
      for (int i = 0; i < A.length; i++) {
        if (A[i][0] * x[0] < -0.5) {
          break;
        }
        for (int j = 0; j < x.length; j++) {
          s += Math.tanh(A[i][j] * x[j] + r);
        }
      }
    }
    return s;
  }

  /** A stride of two. */
  @Differentiable
  public static double strideTwo(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i += 2) {
      s += x[i] * x[i];
    }
    return s;
  }

  /** The rows of an {@code @Out} matrix written by an {@code @Out} callee, one row per call. */
  @Differentiable
  public static void rowsWrittenByCallee(double[][] X, @Out double[][] Y) {
    for (int i = 0; i < X.length; i++) {
      Outputs.squash(X[i], Y[i]);
    }
  }

  /** A recurrence written straight into the output, reading what it wrote. */
  @Differentiable
  public static void cumulativeProduct(double[] x, @Out double[] y) {
    y[0] = x[0];
    for (int i = 1; i < x.length; i++) {
      y[i] = y[i - 1] * x[i];
    }
  }

  /** A jagged output of the input's shape. */
  @Differentiable
  public static void jaggedOutput(double[][] X, @Out double[][] Y) {
    for (int i = 0; i < X.length; i++) {
      for (int j = 0; j < X[i].length; j++) {
        Y[i][j] = X[i][j] * X[i][j] * (i + 1);
      }
    }
  }

  /** A ternary chooses the formula of each output element. */
  @Differentiable
  public static void leakyRelu(double[] x, @Out double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] > 0 ? x[i] : 0.1 * x[i];
    }
  }
}
