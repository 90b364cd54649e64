package dev.tapeless.it.arrays;

import static dev.tapeless.it.arrays.OutContractTest.assertRejectedNaming;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The array adjoint fields: allocated on the first call with the argument's shape, reused while
 * it stays, reallocated when it changes; a caller's own array of the right shape receives the
 * gradient, one of the wrong shape is rejected with the parameter's name.
 */
class AdjointArraysTest {

  private static final double[] X = {0.5, -1.25, 2.0};
  private static final double[] Y = {1.5, 0.25, -0.75};
  private static final double[][] W = {{0.5, -0.25, 1.0}, {0.75, 0.5, -1.5}};

  @Test
  void frameAllocatesAdjointsOnTheFirstCallAndReusesThem() {
    Reductions_Grad.Dot g = new Reductions_Grad.Dot();
    g.valueAndGradient(X, Y);
    double[] first = g.dx;
    g.valueAndGradient(Y, X);
    assertSame(first, g.dx);
    assertArrayEquals(X, g.dx, 0.0);
  }

  @Test
  void userAssignedVectorReceivesTheGradient() {
    Reductions_Grad.Dot g = new Reductions_Grad.Dot();
    double[] mine = new double[3];
    g.dx = mine;
    g.valueAndGradient(X, Y);
    assertSame(mine, g.dx);
    assertArrayEquals(Y, mine, 0.0);
    assertArrayEquals(X, g.dy, 0.0);
  }

  @Test
  void valueAndGradientOverwritesWhatTheUserArrayHeld() {
    Reductions_Grad.Dot g = new Reductions_Grad.Dot();
    double[] mine = {7, 7, 7};
    g.dx = mine;
    g.valueAndGradient(X, Y);
    assertArrayEquals(Y, mine, 0.0);
  }

  @Test
  void accumulateAddsToWhatTheUserArrayHeld() {
    Reductions_Grad.Dot g = new Reductions_Grad.Dot();
    double[] mine = {1, 2, 3};
    g.dx = mine;
    g.accumulate(X, Y);
    assertArrayEquals(new double[] {1 + Y[0], 2 + Y[1], 3 + Y[2]}, mine, 0.0);
  }

  @Test
  void userAssignedMatrixReceivesTheGradient() {
    Matrices_Grad.MatvecSquaredNorm g = new Matrices_Grad.MatvecSquaredNorm();
    double[][] mine = new double[2][3];
    g.dW = mine;
    g.valueAndGradient(W, X);
    assertSame(mine, g.dW);
    Matrices_Grad.MatvecSquaredNorm fresh = new Matrices_Grad.MatvecSquaredNorm();
    fresh.valueAndGradient(W, X);
    assertArrayEquals(fresh.dW, mine);
  }

  @Test
  void userAssignedJaggedMatrixReceivesTheGradient() {
    double[][] j = {{1.0}, {0.5, -2.0, 1.5}, {}, {0.25, 0.75}};
    Indexing_Grad.JaggedSquares g = new Indexing_Grad.JaggedSquares();
    double[][] mine = {new double[1], new double[3], new double[0], new double[2]};
    g.dJ = mine;
    g.valueAndGradient(j);
    assertSame(mine, g.dJ);
    double[][] expected = (double[][]) Flatten.zerosLike(j);
    for (int i = 0; i < j.length; i++) {
      for (int k = 0; k < j[i].length; k++) {
        expected[i][k] = 2 * j[i][k] / (i + 1);
      }
    }
    assertArrayEquals(expected, mine);
  }

  @Test
  void pullbackWritesIntoUserAssignedAdjoints() {
    Matrices_Grad.Affine g = new Matrices_Grad.Affine();
    double[][] myW = new double[2][3];
    double[] myB = {9, 9};
    g.dW = myW;
    g.db = myB;
    double[] seed = {1.0, -2.0};
    g.pullback(W, X, new double[] {0.1, 0.2}, new double[2], seed);
    assertSame(myW, g.dW);
    assertSame(myB, g.db);
    assertArrayEquals(seed, myB, 0.0);
    for (int i = 0; i < 2; i++) {
      for (int k = 0; k < 3; k++) {
        assertEquals(seed[i] * X[k], myW[i][k], 0.0);
      }
    }
  }

  @Test
  void userVectorOfTheWrongLengthIsRejectedNamingTheParameter() {
    Reductions_Grad.Dot g = new Reductions_Grad.Dot();
    g.dy = new double[4];
    assertRejectedNaming("dy of length 4", () -> g.valueAndGradient(X, Y), "dy", "y");
  }

  @Test
  void userMatrixWithTheWrongRowCountIsRejectedNamingTheParameter() {
    Matrices_Grad.MatvecSquaredNorm g = new Matrices_Grad.MatvecSquaredNorm();
    g.dW = new double[3][3];
    assertRejectedNaming("dW with 3 rows", () -> g.valueAndGradient(W, X), "dW", "W");
  }

  @Test
  void userMatrixWithAWrongRowLengthIsRejectedNamingTheParameter() {
    Matrices_Grad.MatvecSquaredNorm g = new Matrices_Grad.MatvecSquaredNorm();
    g.dW = new double[][] {new double[3], new double[2]};
    assertRejectedNaming("dW with a short row", () -> g.valueAndGradient(W, X), "dW", "W");
  }

  @Test
  void userArrayOfTheWrongShapeIsRejectedByPullback() {
    Matrices_Grad.Affine g = new Matrices_Grad.Affine();
    g.dx = new double[2];
    assertRejectedNaming("dx of length 2",
        () -> g.pullback(W, X, new double[2], new double[2], new double[2]), "dx", "x");
  }

  @Test
  void userArrayOfTheWrongShapeIsRejectedByJacobian() {
    Matrices_Grad.Affine g = new Matrices_Grad.Affine();
    g.db = new double[3];
    assertRejectedNaming("db of length 3",
        () -> g.jacobian(W, X, new double[2], new double[2], new double[2][11]), "db", "b");
  }

  @Test
  void shapeChangeReallocatesTheFramesOwnAdjoint() {
    Reductions_Grad.Dot g = new Reductions_Grad.Dot();
    g.valueAndGradient(X, Y);
    double[] three = g.dx;
    double[] x5 = {1, 2, 3, 4, 5};
    double[] y5 = {-1, 0.5, 2, 0, 3};
    g.valueAndGradient(x5, y5);
    assertNotSame(three, g.dx);
    assertArrayEquals(y5, g.dx, 0.0);
    assertArrayEquals(x5, g.dy, 0.0);
    g.valueAndGradient(X, Y);
    assertArrayEquals(Y, g.dx, 0.0);
  }

  @Test
  void shapeChangeOfAMatrixReallocatesIt() {
    Matrices_Grad.MatvecSquaredNorm g = new Matrices_Grad.MatvecSquaredNorm();
    g.valueAndGradient(W, X);
    double[][] w3 = {{1, 2}, {0.5, -1}, {2, 0.25}};
    double[] x2 = {0.5, -0.5};
    double v = g.valueAndGradient(w3, x2);
    assertEquals(Matrices.matvecSquaredNorm(w3, x2), v);
    assertEquals(3, g.dW.length);
    Matrices_Grad.MatvecSquaredNorm fresh = new Matrices_Grad.MatvecSquaredNorm();
    fresh.valueAndGradient(w3, x2);
    assertArrayEquals(fresh.dW, g.dW);
    assertArrayEquals(fresh.dx, g.dx, 0.0);
  }

  @Test
  void jaggedRowLengthChangeReallocates() {
    Indexing_Grad.JaggedSquares g = new Indexing_Grad.JaggedSquares();
    g.valueAndGradient(new double[][] {{1, 2}, {3}});
    double[][] other = {{1}, {3, 4}};
    g.valueAndGradient(other);
    assertEquals(1, g.dJ[0].length);
    assertEquals(2, g.dJ[1].length);
    assertArrayEquals(new double[] {2}, g.dJ[0], 0.0);
    assertArrayEquals(new double[] {3, 4}, g.dJ[1], 0.0);
  }

  @Test
  void pullbackAfterAShapeChangeReallocates() {
    Matrices_Grad.Affine g = new Matrices_Grad.Affine();
    g.pullback(W, X, new double[2], new double[2], new double[] {1, 1});
    double[][] w1 = {{2, -1}};
    double[] x2 = {0.5, 1.5};
    g.pullback(w1, x2, new double[1], new double[1], new double[] {3});
    assertArrayEquals(new double[][] {{1.5, 4.5}}, g.dW);
    assertArrayEquals(new double[] {6, -3}, g.dx, 0.0);
    assertArrayEquals(new double[] {3}, g.db, 0.0);
  }

  @Test
  void userArrayIsNotSilentlyReplacedWhenTheShapeChanges() {
    Reductions_Grad.Dot g = new Reductions_Grad.Dot();
    double[] mine = new double[3];
    g.dx = mine;
    g.valueAndGradient(X, Y);
    assertRejectedNaming("a call with length 4 after assigning dx of length 3",
        () -> g.valueAndGradient(new double[4], new double[4]), "dx", "x");
    assertSame(mine, g.dx);
  }

  @Test
  void assigningNullLetsTheFrameAllocateAgain() {
    Reductions_Grad.Dot g = new Reductions_Grad.Dot();
    g.dx = new double[7];
    g.dx = null;
    g.valueAndGradient(X, Y);
    assertArrayEquals(Y, g.dx, 0.0);
  }

  @Test
  void zeroClearsAUserAssignedArray() {
    Reductions_Grad.Dot g = new Reductions_Grad.Dot();
    double[] mine = new double[3];
    Arrays.fill(mine, 5);
    g.dx = mine;
    g.zero();
    assertArrayEquals(new double[3], mine, 0.0);
  }
}
