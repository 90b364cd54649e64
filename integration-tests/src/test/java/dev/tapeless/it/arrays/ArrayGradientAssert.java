package dev.tapeless.it.arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tapeless.runtime.GradCheck;
import java.util.Arrays;

/** Gradient comparisons whose failures name the component, with GradCheck's error measure. */
final class ArrayGradientAssert {
  private ArrayGradientAssert() {}

  static void assertGradientClose(
      String where, double[] expected, double[] actual, double tolerance) {
    assertEquals(expected.length, actual.length, () -> where + ": gradient length");
    for (int i = 0; i < expected.length; i++) {
      double error = GradCheck.relativeError(actual[i], expected[i]);
      if (!(error <= tolerance)) {
        fail(where + ": component [" + i + "] is " + actual[i] + ", expected " + expected[i]
            + " (relative error " + error + " > " + tolerance + ")\n  actual   "
            + Arrays.toString(actual) + "\n  expected " + Arrays.toString(expected));
      }
    }
  }

  static double[] plus(double[] a, double[] b) {
    double[] sum = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      sum[i] = a[i] + b[i];
    }
    return sum;
  }

  /** {@code Σ_k s_k J[k]}: the vector-Jacobian product computed from the full Jacobian. */
  static double[] seedTimesJacobian(double[] s, double[][] j, int columns) {
    double[] v = new double[columns];
    for (int k = 0; k < s.length; k++) {
      for (int c = 0; c < columns; c++) {
        v[c] += s[k] * j[k][c];
      }
    }
    return v;
  }
}
