package dev.tapeless.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Helpers for the kernel tests: seeded random points, and gradient checks against
 * {@link GradCheck}'s central finite differences with the project's tolerance.
 *
 * <p>A pullback is checked by pre-filling its adjoint arrays with random values and comparing
 * {@code after − before} with the finite-difference gradient: a pullback that overwrote instead
 * of adding would fail.
 */
final class KernelTesting {

  /** Relative error bound of every finite-difference check ({@link GradCheck#relativeError}). */
  static final double TOLERANCE = 1e-6;

  private KernelTesting() {}

  static double[] random(Random r, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 4 * r.nextDouble() - 2;
    }
    return v;
  }

  static double[][] random(Random r, int m, int n) {
    double[][] a = new double[m][];
    for (int i = 0; i < m; i++) {
      a[i] = random(r, n);
    }
    return a;
  }

  static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  /** {@code after − before}: what a pullback added. */
  static double[] added(double[] after, double[] before) {
    double[] d = new double[after.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = after[i] - before[i];
    }
    return d;
  }

  static double[][] added(double[][] after, double[][] before) {
    double[][] d = new double[after.length][];
    for (int i = 0; i < d.length; i++) {
      d[i] = added(after[i], before[i]);
    }
    return d;
  }

  static double[] flatten(double[][] a) {
    int size = 0;
    for (double[] row : a) {
      size += row.length;
    }
    double[] flat = new double[size];
    int k = 0;
    for (double[] row : a) {
      System.arraycopy(row, 0, flat, k, row.length);
      k += row.length;
    }
    return flat;
  }

  private static void unflatten(double[] flat, double[][] into) {
    int k = 0;
    for (double[] row : into) {
      System.arraycopy(flat, k, row, 0, row.length);
      k += row.length;
    }
  }

  /** {@code Σ seed_i v_i}, the scalar whose gradient is a vector-Jacobian product. */
  static double weighted(double[] seed, double[] v) {
    double s = 0;
    for (int i = 0; i < v.length; i++) {
      s += seed[i] * v[i];
    }
    return s;
  }

  static double weighted(double[][] seed, double[][] v) {
    double s = 0;
    for (int i = 0; i < v.length; i++) {
      s += weighted(seed[i], v[i]);
    }
    return s;
  }

  /** Checks {@code analytic} against the finite-difference gradient of {@code f} at {@code x}. */
  static void assertGradient(
      String what, double[] analytic, ToDoubleFunction<double[]> f, double[] x) {
    GradCheck.Report report = GradCheck.check(f, x, analytic);
    assertTrue(report.isWithin(TOLERANCE), () -> what + ": " + report);
  }

  /** The matrix form: {@code f} is differentiated with respect to every element of {@code a}. */
  static void assertGradient(
      String what, double[][] analytic, ToDoubleFunction<double[][]> f, double[][] a) {
    double[][] work = copy(a);
    double[] flat = flatten(a);
    double[] numeric =
        GradCheck.numericGradient(
            v -> {
              unflatten(v, work);
              return f.applyAsDouble(work);
            },
            flat);
    GradCheck.Report report = new GradCheck.Report(flatten(analytic), numeric);
    assertTrue(report.isWithin(TOLERANCE), () -> what + ": " + report);
  }

  /** Checks a scalar pullback's return value against the finite-difference derivative. */
  static void assertDerivative(
      String what, double analytic, java.util.function.DoubleUnaryOperator f, double z) {
    assertGradient(what, new double[] {analytic}, v -> f.applyAsDouble(v[0]), new double[] {z});
  }

  static void assertAllZero(String what, double[] seed) {
    for (int i = 0; i < seed.length; i++) {
      if (seed[i] != 0.0) {
        fail(what + ": seed[" + i + "] is " + seed[i] + " after the pullback, not 0");
      }
    }
  }

  static void assertAllZero(String what, double[][] seed) {
    for (int i = 0; i < seed.length; i++) {
      assertAllZero(what + " row " + i, seed[i]);
    }
  }

  static void assertUnchanged(String what, double[] before, double[] after) {
    assertArrayEquals(before, after, 0.0, what + " was modified");
  }

  static void assertUnchanged(String what, double[][] before, double[][] after) {
    assertEquals(before.length, after.length, what + " rows");
    for (int i = 0; i < before.length; i++) {
      assertArrayEquals(before[i], after[i], 0.0, what + " row " + i + " was modified");
    }
  }
}
