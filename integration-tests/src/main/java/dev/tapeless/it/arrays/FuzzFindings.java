package dev.tapeless.it.arrays;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import dev.tapeless.Out;
import dev.tapeless.runtime.Activations;
import dev.tapeless.runtime.Linear;

/**
 * Programs the random tester ({@code fuzz/}) found the processor getting wrong, each reduced by
 * hand from its reproducer to the construct that broke, so that each failure class stays fixed
 * even when the generator changes. fuzz/README.md lists the classes.
 */
public final class FuzzFindings {
  private FuzzFindings() {}

  /** Not differentiable: reads the array, but Tapeless must assume it may write it. */
  static int firstOf(int[] idx) {
    return idx[0];
  }

  /**
   * An {@code int[]} given to a method without a derivative counts as written; the backward
   * sweep needs its old contents (the index), so it is saved: SavedValues had no int[] push.
   */
  @Differentiable
  public static double intArrayGivenToHelper(double[] x, int[] idx) {
    double s = 0;
    for (int i = 0; i < idx.length; i++) {
      s += x[idx[i]] * x[idx[i]];
      s += firstOf(idx);
    }
    return s;
  }

  /** Squares of a prefix of x weighted by x: its local array's length depends on n. */
  @Differentiable
  public static double cubesOfPrefix(double[] x, int n) {
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = x[i] * x[i];
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += t[i] * x[i];
    }
    return s;
  }

  /**
   * Two calls on one callee frame with different lengths: in split mode the second call
   * reshaped the buffers the first call's backward sweep still needed.
   */
  @Differentiable
  public static double prefixesOfTwoLengths(double[] x) {
    double a = cubesOfPrefix(x, 1);
    double b = cubesOfPrefix(x, x.length);
    return a * b;
  }

  /** The operand's index reads the target: the reversal must use the index as it was. */
  @Differentiable
  public static double operandIndexReadsTarget(double[] x) {
    double v = 1.2;
    v = x[(int) v] * v;
    return v;
  }

  /** The same through a compound assignment. */
  @Differentiable
  public static double incrementIndexReadsTarget(double[] x) {
    double v = 1.2;
    v += x[(int) v] * 2.0;
    return v * v;
  }

  /** The store's index reads the element it overwrites. */
  @Differentiable
  public static double storeIndexReadsItsArray(double x) {
    double[] t = new double[2];
    t[0] = 0.5;
    t[(int) t[0]] = x * 3.0;
    return t[0] * x;
  }

  /** The same through a compound assignment. */
  @Differentiable
  public static double incrementIndexReadsItsArray(double x) {
    double[] t = new double[2];
    t[0] = 0.5;
    t[(int) t[0]] += x * x;
    return t[0] * x;
  }

  /** Reads its output before writing it. */
  @Differentiable
  public static void addSquareInto(double x, @Out double[] acc) {
    acc[0] += x * x;
  }

  /**
   * What the caller stored in the callee's {@code @Out} array carries a derivative the callee
   * must hand back: it was lost.
   */
  @Differentiable
  public static double accumulateThroughCallee(double x) {
    double[] acc = new double[1];
    acc[0] = 3.0 * x;
    addSquareInto(x, acc);
    return acc[0] * acc[0];
  }

  /**
   * axpy's scalar is an element of the array it adds into: {@code sBar[0] += pullback(...)}
   * read sBar[0] before the pullback added into it, losing that contribution.
   */
  @Differentiable
  public static double scalarArgumentFromItsOwnArray(double[] s) {
    double[] t = new double[s.length];
    Linear.axpy(s[0], s, s, t);
    return t[s.length - 1] + t[0];
  }

  /**
   * A row a call overwrites is restored with the loop counter as it was: the counter was not
   * restored when nothing else in the backward sweep needed it.
   */
  @Differentiable
  public static double rowsOverwrittenInAWhileLoop(double x) {
    double[][] t1 = new double[2][2];
    t1[0][0] = 0.5;
    double s = t1[0][0] * x;
    double[] t2 = new double[t1.length];
    for (int k = 0; k < t1.length; k++) {
      t2[0 % t1.length] += 1.2;
    }
    int i = t2.length;
    while (i > 0) {
      Activations.relu(t2, t1[i - 1]);
      i--;
    }
    return s + x;
  }

  /**
   * The row a call reads is chosen by an element of the array the call writes: the reversal
   * chose the row again after the call.
   */
  @Differentiable
  public static void rowChosenByTheOutput(double a, @Out double[][] acc,
      @NoDerivative double c, double[] g, @Out double[] out) {
    acc[1][out.length - 1] -= a;
    Linear.axpy(c, g, acc[((int) (1.5 + Math.abs(out[0]))) % acc.length], out);
  }

  /**
   * {@code Arrays.fill} from an element of the array it fills: Java reads {@code t[0]} once,
   * before filling, but the fill became a loop reading it in each iteration, and reversing
   * {@code t[0] = t[0]} added the element's adjoint to itself and then zeroed it (random tester,
   * seed 13). The element is now read into a temporary first.
   */
  @Differentiable
  public static double fillFromOwnElement(double[] w) {
    double[] t = w.clone();
    java.util.Arrays.fill(t, t[0]);
    return t[1] * t[0] + t[t.length - 1];
  }

  /** The callee of {@link #callsFreshArraysNotCreated}: arrays created in a branch and a loop. */
  @Differentiable
  public static double freshInBranchAndLoop(double z, int n) {
    if (z > 0) {
      double[] t = {z, 2 * z};
      z += t[1] * t[0];
    }
    for (int i = 0; i < n; i++) {
      double[] u = new double[2];
      u[i % 2] = z;
      z += u[0] * 0.5;
    }
    return z;
  }

  /**
   * A call inside a branch (split mode) of a callee whose array locals, created in a branch
   * not taken or a loop run zero times, are still null at the end of its forward sweep: the
   * split state saved their contents anyway, a NullPointerException in
   * {@code SavedValues.pushAll} (random tester, CI seed, arrays in loops and branches). Such
   * arrays are now saved with a flag saying whether they exist.
   */
  @Differentiable
  public static double callsFreshArraysNotCreated(double x) {
    double v = x;
    if (x > -3) {
      v = freshInBranchAndLoop(x, 1) + freshInBranchAndLoop(-x, 0);
    }
    return v * x;
  }

  /**
   * {@code System.arraycopy} from a row variable into another naming the same row, the first
   * later moved ({@code row = t[1]}), so that the two are rows chosen by different index
   * variables: the copy was taken for one between two rows, and its reversal added the
   * destination's adjoint into the source's and then cleared it, the same elements, losing it
   * (random tester, CI seed, row variables). Copies between rows of one matrix now go through
   * a temporary, as within one array.
   */
  @Differentiable
  public static double copyBetweenAliasedRows(double[] x) {
    double[][] t = new double[2][x.length];
    double[] row = t[0];
    double[] same = row;
    for (int i = 0; i < x.length; i++) {
      same[i] = x[i] * x[i];
    }
    System.arraycopy(row, 0, same, 0, row.length);
    row = t[1];
    row[0] = same[0];
    return t[1][0] + same[x.length - 1];
  }
}
