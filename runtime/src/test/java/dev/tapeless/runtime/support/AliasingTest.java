package dev.tapeless.runtime.support;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Shared storage between an output and another argument, at every rank and in float too. */
class AliasingTest {

  private static void assertRejected(Object output, Object other) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Aliasing.check("F", output, "out", other, "in"));
    assertTrue(e.getMessage().contains("passed as out (an @Out output) and as in"),
        e.getMessage());
  }

  private static void assertAccepted(Object output, Object other) {
    assertDoesNotThrow(() -> Aliasing.check("F", output, "out", other, "in"));
  }

  @Test
  void sameArrayRowOfAMatrixAndSharedRowsAreRejectedForDoubles() {
    double[][] m = new double[3][2];
    double[][] n = {new double[2], m[1]};
    assertRejected(m, m);
    assertRejected(m[2], m);
    assertRejected(m, m[0]);
    assertRejected(n, m);
  }

  @Test
  void floatMatricesSharingARowAreRejected() {
    float[][] m = new float[3][2];
    float[][] n = {new float[2], m[2]};
    assertRejected(n, m);
    assertRejected(m[1], m);
    assertRejected(m, m[0]);
  }

  @Test
  void threeDimensionalArraysSharingAMatrixOrARowAreRejected() {
    double[][][] a = new double[2][3][4];
    assertRejected(a, a[1]);
    assertRejected(a[0][2], a);
    double[][][] b = {new double[3][4], {new double[4], a[1][1], new double[4]}};
    assertRejected(b, a);
    float[][][] f = new float[2][2][2];
    assertRejected(f[1], f);
    assertRejected(new float[][][] {f[0]}, f);
  }

  @Test
  void separateArraysJaggedRowsAndNullsAreAccepted() {
    double[][] m = {new double[2], null, new double[0]};
    assertAccepted(new double[3][2], m);
    assertAccepted(new float[2][2][2], new float[2][2]);
    assertAccepted(null, m);
    assertAccepted(m, null);
    assertAccepted(new double[2], new int[2]);
  }
}
