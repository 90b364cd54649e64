package dev.tapeless.it.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tapeless.runtime.GradCheck;
import java.util.Arrays;

/** Gradient comparisons whose failures name the component, with GradCheck's error measure. */
final class GradientAssert {
  private GradientAssert() {}

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
}
