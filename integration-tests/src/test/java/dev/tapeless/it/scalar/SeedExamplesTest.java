package dev.tapeless.it.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Gradients known in closed form, including the examples of the design document. */
class SeedExamplesTest {

  @Test
  void seedExampleAtThreeTwoHasGradientThreeEight() {
    Arithmetic_Grad.E g = new Arithmetic_Grad.E();
    assertEquals(15.0, g.valueAndGradient(3, 2));
    assertEquals(15.0, g.value);
    assertEquals(3.0, g.da);
    assertEquals(8.0, g.db);
  }

  @Test
  void seedExampleAccumulatesAndResets() {
    Arithmetic_Grad.E g = new Arithmetic_Grad.E();
    g.accumulate(3, 2);
    g.accumulate(3, 2);
    assertEquals(6.0, g.da);
    assertEquals(16.0, g.db);
    g.zero();
    assertEquals(0.0, g.da);
    assertEquals(0.0, g.db);
    g.accumulate(1, 1);
    assertEquals(2.0, g.da);
    assertEquals(4.0, g.db);
  }

  @Test
  void sharedParameterGetsTheSumOfBothPaths() {
    // y = x e^(x²): dy/dx = e^(x²) + 2x² e^(x²), which is 3e at x = 1.
    Sharing_Grad.XExpXSquared g = new Sharing_Grad.XExpXSquared();
    g.valueAndGradient(1.0);
    assertEquals(3 * Math.E, g.dx, 1e-14);
  }

  @Test
  void reassignedParameterGivesFourXCubed() {
    Sharing_Grad.ReassignSquare g = new Sharing_Grad.ReassignSquare();
    assertEquals(17.0, g.valueAndGradient(2.0));
    assertEquals(32.0, g.dx);
  }

  @Test
  void wrtSubsetDifferentiatesOnlyTheNamedParameter() {
    Mixed_Grad.Weighted g = new Mixed_Grad.Weighted();
    g.valueAndGradient(1.0, 2.0, 3.0);
    assertEquals(5.0, g.da);
  }

  @Test
  void noDerivativeParameterStillShapesTheValue() {
    Mixed_Grad.Huber g = new Mixed_Grad.Huber();
    assertEquals(0.5, g.valueAndGradient(1.0, 2.0));
    assertEquals(1.0, g.dx);
    assertEquals(4.0, g.valueAndGradient(-3.0, 2.0));
    assertEquals(-2.0, g.dx);
  }

  @Test
  void intParameterScalesTheGradient() {
    Mixed_Grad.IntScale g = new Mixed_Grad.IntScale();
    assertEquals(8.0, g.valueAndGradient(2.0, 3));
    assertEquals(4.0, g.da);
  }

  @Test
  void integerDivisionTruncatesBeforeScaling() {
    // 5 / 3.0 * a + 5 / 2 * a: the gradient is 5/3 + 2, not 5/3 + 2.5.
    Mixed_Grad.IntDivision g = new Mixed_Grad.IntDivision();
    g.valueAndGradient(1.0, 5);
    assertEquals(5.0 / 3 + 2, g.da, 1e-15);
  }

  @Test
  void branchTakenDecidesTheGradient() {
    Branches_Grad.ReluSquared g = new Branches_Grad.ReluSquared();
    g.valueAndGradient(3.0);
    assertEquals(6.0, g.dx);
    g.valueAndGradient(-3.0);
    assertEquals(-0.5, g.dx);
  }

  @Test
  void chainOfThreeCallsAppliesTheChainRule() {
    // chainLeaf(u) = u sin u, chainMiddle = chainLeaf(xy) + y, chainTop = chainMiddle · chainLeaf(y)
    double x = 0.7;
    double y = -1.1;
    double u = x * y;
    double leafU = u * Math.sin(u);
    double dLeafU = Math.sin(u) + u * Math.cos(u);
    double leafY = y * Math.sin(y);
    double dLeafY = Math.sin(y) + y * Math.cos(y);
    double middle = leafU + y;
    Calls_Grad.ChainTop g = new Calls_Grad.ChainTop();
    g.valueAndGradient(x, y);
    assertEquals(dLeafU * y * leafY, g.dx, 1e-14);
    assertEquals((dLeafU * x + 1) * leafY + middle * dLeafY, g.dy, 1e-14);
  }

  @Test
  void castToIntPassesNoDerivative() {
    // k = (int) x is a constant: d/dx (x k + y (k + 1)) = k.
    Mixed_Grad.CastToInt g = new Mixed_Grad.CastToInt();
    g.valueAndGradient(2.5, 1.0);
    assertEquals(2.0, g.dx);
    assertEquals(3.0, g.dy);
  }
}
