package dev.tapeless.samples.seed;

import static dev.tapeless.samples.seed.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.runtime.GradCheck;
import org.junit.jupiter.api.Test;

/** e = (a + b)(b + 1): the design document's numbers, and the hand derivation elsewhere. */
class ComputationalGraphTest {

  @Test
  void atThreeTwoTheValueIsFifteenAndTheGradientThreeEight() {
    ComputationalGraph_Grad.E g = new ComputationalGraph_Grad.E();
    assertEquals(15.0, g.valueAndGradient(3, 2));
    assertEquals(3.0, g.da);
    assertEquals(8.0, g.db);
  }

  @Test
  void gradientMatchesTheHandDerivationAtOtherPoints() {
    ComputationalGraph_Grad.E g = new ComputationalGraph_Grad.E();
    double[][] points = {{0, 0}, {-1.5, 0.25}, {1e3, -7.125}, {0.1, 0.2}};
    for (double[] p : points) {
      double a = p[0];
      double b = p[1];
      assertClose((a + b) * (b + 1), g.valueAndGradient(a, b), "e");
      assertClose(ComputationalGraph.byHandDeDa(a, b), g.da, "∂e/∂a");
      assertClose(ComputationalGraph.byHandDeDb(a, b), g.db, "∂e/∂b");
    }
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    ComputationalGraph_Grad.E g = new ComputationalGraph_Grad.E();
    g.valueAndGradient(0.3, -1.7);
    GradCheck.check(v -> ComputationalGraph.e(v[0], v[1]), new double[] {0.3, -1.7},
        new double[] {g.da, g.db}).assertWithin(1e-9);
  }
}
