package dev.tapeless.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The kernels registered with {@code skipsNullAdjoints} take null for an input adjoint nobody
 * needs, skip that work, and still compute the others exactly as with an array.
 */
class NullAdjointsTest {
  private static final double[][] W = {{1, 2, 3}, {-1, 0.5, 2}};
  private static final double[] X = {0.5, -1, 2};

  @Test
  void matvecPullbackWithoutInputAdjointStillGivesTheWeightAdjoint() {
    double[] y = new double[2];
    Linear.matvec(W, X, y);
    double[][] withAll = new double[2][3];
    Linear.matvecPullback(W, X, y, new double[] {1, -2}, withAll, new double[3]);
    double[][] withoutDx = new double[2][3];
    double[] dy = {1, -2};
    Linear.matvecPullback(W, X, y, dy, withoutDx, null);
    assertArrayEquals(withAll[0], withoutDx[0], 0.0);
    assertArrayEquals(withAll[1], withoutDx[1], 0.0);
    assertArrayEquals(new double[2], dy, 0.0);
  }

  @Test
  void matvecPullbackWithoutWeightAdjointStillGivesTheInputAdjoint() {
    double[] y = new double[2];
    Linear.matvec(W, X, y);
    double[] dx = new double[3];
    Linear.matvecPullback(W, X, y, new double[] {1, -2}, null, dx);
    assertArrayEquals(new double[] {1 + 2, 2 - 1, 3 - 4}, dx, 1e-15);
  }

  @Test
  void dotAxpyOuterAndTransposedAcceptAMissingAdjoint() {
    double[] dy = new double[3];
    Linear.dotPullback(X, X, 2.0, null, dy);
    assertArrayEquals(new double[] {1, -2, 4}, dy, 0.0);

    double[] z = new double[3];
    Linear.axpy(2, X, X, z);
    double da = Linear.axpyPullback(2, X, X, z, new double[] {1, 1, 1}, null, null);
    assertEquals(1.5, da, 0.0);

    double[] t = new double[3];
    Linear.matvecTransposed(W, new double[] {1, 1}, t);
    double[][] dW = new double[2][3];
    Linear.matvecTransposedPullback(W, new double[] {1, 1}, t, new double[] {1, 0, 0}, dW, null);
    assertArrayEquals(new double[] {1, 0, 0}, dW[0], 0.0);

    double[][] a = new double[3][3];
    Linear.outer(X, X, a);
    double[][] dA = {{1, 0, 0}, {0, 0, 0}, {0, 0, 0}};
    double[] du = new double[3];
    Linear.outerPullback(X, X, a, dA, du, null);
    assertArrayEquals(new double[] {0.5, 0, 0}, du, 0.0);
  }
}
