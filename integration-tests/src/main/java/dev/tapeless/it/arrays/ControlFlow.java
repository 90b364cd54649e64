package dev.tapeless.it.arrays;

import dev.tapeless.Differentiable;

/**
 * Loops with data-dependent control: branches, early break, continue, while and do-while with
 * run-time trip counts, loops counting down, enhanced for.
 */
public final class ControlFlow {
  private ControlFlow() {}

  /** A branch on the data in every iteration: values above c are compressed. */
  @Differentiable
  public static double softClip(double[] x, double c) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] > c) {
        s += c + Math.log(1 + x[i] - c);
      } else {
        s += x[i];
      }
    }
    return s;
  }

  /** Stops as soon as the running sum of squares passes the limit. */
  @Differentiable
  public static double sumUntilLimit(double[] x, double limit) {
    double s = 0;
    int i = 0;
    for (; i < x.length; i++) {
      s += x[i] * x[i];
      if (s > limit) {
        break;
      }
    }
    return s * (i + 1) + limit * 0.5;
  }

  /** Skips negative elements with continue. */
  @Differentiable
  public static double sqrtOfPositives(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] < 0) {
        continue;
      }
      s += Math.sqrt(x[i]) * (i + 1);
    }
    return s;
  }

  /** Horner's scheme: the loop counts down from the highest coefficient. */
  @Differentiable
  public static double horner(double[] c, double t) {
    double p = 0;
    for (int i = c.length - 1; i >= 0; i--) {
      p = p * t + c[i];
    }
    return p;
  }

  /** Counts down with {@code >} and a post-decrement, reading two elements per iteration. */
  @Differentiable
  public static double backwardDifferences(double[] x) {
    double s = 0;
    for (int i = x.length - 1; i > 0; i--) {
      double d = x[i] - x[i - 1];
      s += d * d * i;
    }
    return s;
  }

  /** Enhanced for over a double[]. */
  @Differentiable
  public static double sumOfCubes(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v * v;
    }
    return s;
  }

  /** Enhanced for over an int[] of positions: each x_k may be read several times. */
  @Differentiable
  public static double gatherSquares(double[] x, int[] positions) {
    double s = 0;
    for (int k : positions) {
      s += x[k] * x[k];
    }
    return s;
  }

  /** Newton's iteration for √a with a tolerance and a cap: a run-time trip count. */
  @Differentiable
  public static double newtonSqrt(double a) {
    double r = a;
    int k = 0;
    while (Math.abs(r * r - a) > 1e-13 * a && k < 60) {
      r = 0.5 * (r + a / r);
      k++;
    }
    return r;
  }

  /** The fixed point of {@code v = c cos(v) + b}, iterated until it moves less than tol. */
  @Differentiable
  public static double fixedPoint(double c, double b) {
    double v = b;
    double change = 1;
    int k = 0;
    while (change > 1e-14 && k < 500) {
      double next = c * Math.cos(v) + b;
      change = Math.abs(next - v);
      v = next;
      k++;
    }
    return v;
  }

  /** A do-while that consumes elements until the weighted sum passes the limit or x runs out. */
  @Differentiable
  public static double doWhileConsume(double[] x, double w, double limit) {
    double s = 0;
    int i = 0;
    do {
      s += w * x[i] * x[i];
      i++;
    } while (i < x.length && s < limit);
    return s * i;
  }

  /** A while loop whose trip count is an int argument, stepping the index by hand. */
  @Differentiable
  public static double whileStepping(double[] x, int steps) {
    double s = 0;
    int i = 0;
    while (i < steps) {
      s = s * 0.5 + Math.sin(x[i % x.length]);
      i++;
    }
    return s;
  }

  /** Nested loops: the inner loop breaks at the first negative product in each row. */
  @Differentiable
  public static double rowsUntilNegative(double[][] A, double[] x) {
    double s = 0;
    for (int i = 0; i < A.length; i++) {
      for (int j = 0; j < x.length; j++) {
        double p = A[i][j] * x[j];
        if (p < 0) {
          break;
        }
        s += p * p;
      }
    }
    return s;
  }

  /** A branch on a product inside a nested loop, and a ternary inside the other arm. */
  @Differentiable
  public static double signedInteractions(double[][] A, double[] x) {
    double s = 0;
    for (int i = 0; i < A.length; i++) {
      for (int j = 0; j < x.length; j++) {
        double p = A[i][j] * x[j];
        if (p > 0) {
          s += Math.log(1 + p);
        } else {
          s -= p > -0.5 ? p * p : Math.exp(p);
        }
      }
    }
    return s;
  }

  /**
   * Arrays shorter than the loop, read only where a branch or a {@code continue} lets the index
   * reach them: the backward sweep's length test before a loop must leave them out.
   */
  @Differentiable
  public static double shorterOnBranches(double[] x, double[] y, double[] u) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[i];
      if (i < y.length) {
        s += y[i] * x[i];
      }
      if (i >= u.length) {
        continue;
      }
      s += u[i] * x[i] * x[i];
    }
    return s;
  }
}
