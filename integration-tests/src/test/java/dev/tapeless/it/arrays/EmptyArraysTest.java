package dev.tapeless.it.arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Arrays of length 0: loops that never run, adjoints of length 0, Jacobians with no rows. */
class EmptyArraysTest {

  @Test
  void gradientOfASumOverNothingIsAnEmptyArray() {
    Reductions_Grad.Sum g = new Reductions_Grad.Sum();
    assertEquals(0.0, g.valueAndGradient(new double[0]));
    assertArrayEquals(new double[0], g.dx, 0.0);
  }

  @Test
  void emptyCallAfterANonEmptyOneReallocates() {
    Reductions_Grad.Dot g = new Reductions_Grad.Dot();
    g.valueAndGradient(new double[] {1, 2}, new double[] {3, 4});
    assertEquals(0.0, g.valueAndGradient(new double[0], new double[0]));
    assertEquals(0, g.dx.length);
    g.valueAndGradient(new double[] {1, 2}, new double[] {3, 4});
    assertArrayEquals(new double[] {3, 4}, g.dx, 0.0);
  }

  @Test
  void matrixWithEmptyRowsHasEmptyAdjointRows() {
    Indexing_Grad.JaggedSquares g = new Indexing_Grad.JaggedSquares();
    double[][] j = {{}, {2.0}, {}};
    assertEquals(2.0, g.valueAndGradient(j));
    assertArrayEquals(new double[][] {{}, {2.0}, {}}, g.dJ);
  }

  @Test
  void matrixWithNoRows() {
    Matrices_Grad.MatvecSquaredNorm g = new Matrices_Grad.MatvecSquaredNorm();
    assertEquals(0.0, g.valueAndGradient(new double[0][], new double[] {1, 2}));
    assertEquals(0, g.dW.length);
    assertArrayEquals(new double[2], g.dx, 0.0);
  }

  @Test
  void jacobianWithNoOutputsHasNoRows() {
    Matrices_Grad.Affine g = new Matrices_Grad.Affine();
    double[] x = {1, 2};
    g.jacobian(new double[0][], x, new double[0], new double[0], new double[0][2]);
    g.pullback(new double[0][], x, new double[0], new double[0], new double[0]);
    assertArrayEquals(new double[2], g.dx, 0.0);
  }

  @Test
  void jacobianAndPullbackOfNothing() {
    Outputs_Grad.Squash g = new Outputs_Grad.Squash();
    g.jacobian(new double[0], new double[0], new double[0][0]);
    g.pullback(new double[0], new double[0], new double[0]);
    assertArrayEquals(new double[0], g.dx, 0.0);
  }
}
