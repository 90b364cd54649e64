package dev.tapeless.it.arrays;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import dev.tapeless.Out;
import dev.tapeless.runtime.Linear;

/**
 * Programs whose gradients the processor once got wrong (silently, by throwing, by generating
 * code that did not compile, or by crashing), kept as a user wrote them so that each bug stays
 * fixed. They come from the wrong-gradients case folder: Probes.java, Probes2.java,
 * VoidEarlyReturn.java, JacobianRereadsOut.java, NestedBreakPop.java, CounterInBranch.java and
 * DoubleBound.java. The bodies are unchanged; only names that clashed were changed.
 */
public final class Regressions {
  private Regressions() {}

  /** Probes.java P1: the branch condition is written inside the branch; d/dx was 1, not 2x. */
  @Differentiable
  public static double flagBranch(double x, boolean start) {
    boolean flag = start;
    double y = x;
    if (flag) {
      flag = false;
      y = y * x;
    }
    return y;
  }

  /**
   * Probes.java P2: {@code while (go)} with {@code go = false} in the body; every reversed
   * iteration was skipped and the save buffer grew across calls.
   */
  @Differentiable
  public static double halveUntilSmall(double x) {
    boolean go = true;
    double y = x;
    while (go) {
      y = y * 0.5;
      if (y < 1) {
        go = false;
      }
    }
    return y;
  }

  /** Probes.java P3: the callee writes only part of its {@code @Out} array. */
  @Differentiable
  public static void setFirst(double c, @Out double[] y) {
    y[0] = c;
  }

  /**
   * Probes.java P3: {@link #setFirst} called with a constant; the adjoint of the part it does
   * not write was zeroed.
   */
  @Differentiable
  public static double partialOutConstant(double x) {
    double[] y = new double[2];
    y[1] = x * 2;
    setFirst(1.0, y);
    return y[0] + y[1];
  }

  /** Probes.java P3b: the same with a varying argument, which was right: the control case. */
  @Differentiable
  public static double partialOutVaried(double x) {
    double[] y = new double[2];
    y[1] = x * 2;
    setFirst(x, y);
    return y[0] + y[1];
  }

  /**
   * Probes.java P4: a helper without a derivative that writes the array it is given.
   * Package-private, so that the corpus coverage test does not take it for a corpus method.
   */
  static double takeFirst(double[] a) {
    double s = a[0];
    a[0] = 0.0;
    return s;
  }

  /**
   * Probes.java P4: {@link #takeFirst} clears an element the backward sweep reads; the sweep
   * read the cleared value.
   */
  @Differentiable
  public static double opaqueMutation(double x) {
    double[] buf = new double[1];
    buf[0] = 3.0;
    double y = buf[0] * x;
    double s = takeFirst(buf);
    return y + s;
  }

  /** Probes.java P5: an int literal spliced into atan2's rule was squared in int arithmetic. */
  @Differentiable
  public static double atan2Int(double x) {
    return Math.atan2(x, 100000);
  }

  /** Probes.java P5: the same with an int parameter. */
  @Differentiable
  public static double atan2IntParam(double x, int n) {
    return Math.atan2(x, n);
  }

  /** Probes.java P6: {@code pow(x, 0)} at x = 0 gave NaN instead of 0. */
  @Differentiable
  public static double powZero(double x, @NoDerivative double k) {
    return Math.pow(x, k);
  }

  /** Probes.java P7: a sqrt discarded by a branch; its infinite partial at 0 gave NaN. */
  @Differentiable
  public static double sqrtUnused(double x) {
    double s = Math.sqrt(x);
    double y;
    if (x > 1) {
      y = s;
    } else {
      y = 0.0;
    }
    return y + x;
  }

  /** Probes.java P8: a kernel overwrites an array element that had a derivative. */
  @Differentiable
  public static double overwrittenByMatvec(double x, @NoDerivative double[][] w,
      @NoDerivative double[] v) {
    double[] y = new double[2];
    y[0] = x * 5;
    Linear.matvec(w, v, y);
    return y[0] + x;
  }

  /** Probes.java P11: a counted loop whose bound reads an array element the body writes. */
  @Differentiable
  public static double shrinkingBound(double x) {
    double[] lim = new double[1];
    lim[0] = 4.0;
    double acc = 1.0;
    for (int i = 0; i < (int) lim[0]; i++) {
      lim[0] = lim[0] - 1.0;
      acc = acc * x;
    }
    return acc;
  }

  /** Probes2.java P11b (shrinkingBound there): the bound shrinks by two, so x⁴. */
  @Differentiable
  public static double shrinkingBoundByTwo(double x) {
    double[] lim = new double[1];
    lim[0] = 10.0;
    double acc = 1.0;
    for (int i = 0; i < (int) lim[0]; i++) {
      lim[0] = lim[0] - 2.0;
      acc = acc * x;
    }
    return acc;
  }

  /**
   * Probes2.java P22: eight break-ifs in one loop; copying the rest of the body per level blew
   * the generated code past javac's limit.
   */
  @Differentiable
  public static double blowUp(double x, int n) {
    double y = x;
    for (int i = 0; i < n; i++) {
      if (y > 1) { y = y * 0.5; if (y > 9) { break; } } else { y = y * 1.1; }
      if (y > 2) { y = y * 0.5; if (y > 9) { break; } } else { y = y * 1.1; }
      if (y > 3) { y = y * 0.5; if (y > 9) { break; } } else { y = y * 1.1; }
      if (y > 4) { y = y * 0.5; if (y > 9) { break; } } else { y = y * 1.1; }
      if (y > 5) { y = y * 0.5; if (y > 9) { break; } } else { y = y * 1.1; }
      if (y > 6) { y = y * 0.5; if (y > 9) { break; } } else { y = y * 1.1; }
      if (y > 7) { y = y * 0.5; if (y > 9) { break; } } else { y = y * 1.1; }
      if (y > 8) { y = y * 0.5; if (y > 9) { break; } } else { y = y * 1.1; }
      y = y + 0.01;
    }
    return y;
  }

  /** VoidEarlyReturn.java (early there): a bare return in a void method was error TL902. */
  @Differentiable
  public static void early(double a, @Out double[] out) {
    if (a > 0.5) {
      return;
    }
    out[0] = a * a;
  }

  /**
   * JacobianRereadsOut.java: reads an output before writing it; jacobian() reran the forward
   * sweep on the already written outputs, so rows k ≥ 1 and the outputs left behind were wrong.
   */
  @Differentiable
  public static void jac(double a, @Out double[] out) {
    out[0] += a * a;
    out[1] = out[0] * a;
  }

  /** NestedBreakPop.java: break out of an enhanced for in loops; the sweep popped below zero. */
  @Differentiable
  public static double whileForForeach(double a, double[] w, int n) {
    int k = 0;
    while (k < n) {
      k++;
      for (int i = 0; i < 3; i++) {
        for (double e : w) {
          if (a - e > w[1]) {
            break;
          }
        }
      }
    }
    return a * w[0];
  }

  /** NestedBreakPop.java: the same without the while loop. */
  @Differentiable
  public static double forForeach(double a, double[] w) {
    for (int i = 0; i < 3; i++) {
      for (double e : w) {
        if (a - e > w[1]) {
          break;
        }
      }
    }
    return a * w[0];
  }

  /** NestedBreakPop.java: the same with a counted inner loop. */
  @Differentiable
  public static double forFor(double a, double[] w) {
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < w.length; j++) {
        if (a - w[j] > w[1]) {
          break;
        }
      }
    }
    return a * w[0];
  }

  /**
   * CounterInBranch.java: an int counter incremented under an if and used as an index; the
   * backward sweep indexed past the last observation row. Every 'every' steps compare x with
   * the next observation row.
   */
  @Differentiable
  public static double loss2d(double a, int n, int every, @NoDerivative double[][] obs) {
    double x = 1;
    double loss = 0;
    int k = 0;
    for (int i = 0; i < n; i++) {
      x = x * a;
      if ((i + 1) % every == 0) {
        double e = x - obs[k][0];
        loss += e * e;
        k++;
      }
    }
    return loss;
  }

  /** CounterInBranch.java: the same with a vector of observations. */
  @Differentiable
  public static double loss1d(double a, int n, int every, @NoDerivative double[] obs) {
    double x = 1;
    double loss = 0;
    int k = 0;
    for (int i = 0; i < n; i++) {
      x = x * a;
      if ((i + 1) % every == 0) {
        double e = x - obs[k];
        loss += e * e;
        k++;
      }
    }
    return loss;
  }

  /**
   * CounterInBranch.java: the same as loss2d but with an inner loop over the row, as in the RK4
   * code; it threw even with exactly as many rows as comparisons.
   */
  @Differentiable
  public static double loss2dInner(double a, int n, int every, @NoDerivative double[][] obs) {
    double x = 1;
    double loss = 0;
    int k = 0;
    for (int i = 0; i < n; i++) {
      x = x * a;
      if ((i + 1) % every == 0) {
        for (int j = 0; j < 2; j++) {
          double e = x - obs[k][j];
          loss += e * e;
        }
        k++;
      }
    }
    return loss;
  }

  /**
   * DoubleBound.java (f there): a counted loop with a double bound; the generated code did not
   * compile, and took every other gradient of the class down with it.
   */
  @Differentiable
  public static double doubleBound(double[] x, @NoDerivative double n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += x[i] * x[i];
    return s;
  }

  /**
   * DoubleBound.java's README row: the same with a long bound, which broke the same way. Not a
   * program of the case folder; written from its README.
   */
  @Differentiable
  public static double longBound(double[] x, @NoDerivative long n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += x[i] * x[i];
    return s;
  }
}
