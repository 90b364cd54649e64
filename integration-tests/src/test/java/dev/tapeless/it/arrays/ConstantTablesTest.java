package dev.tapeless.it.arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.runtime.GradCheck;
import org.junit.jupiter.api.Test;

/** Constant tables read inside a differentiated method: gradient, jvp and hvp. */
class ConstantTablesTest {

  private static final double[] C = {0.3, -0.4};

  @Test
  void gradientThroughTablesMatchesFiniteDifferences() {
    ConstantTables_Grad.Squared g = new ConstantTables_Grad.Squared();
    g.valueAndGradient(0.7, 1.3, C);
    GradCheck.check(v -> ConstantTables.squared(v[0], v[1], new double[] {v[2], v[3]}),
        new double[] {0.7, 1.3, C[0], C[1]}, new double[] {g.da, g.db, g.dc[0], g.dc[1]})
        .assertWithin(1e-9);
    double jvp = g.jvp(0.7, 1.3, C, 1.0, -0.5, new double[] {0.25, 2.0});
    assertEquals(g.da - 0.5 * g.db + 0.25 * g.dc[0] + 2.0 * g.dc[1], jvp, 1e-12);
  }

  @Test
  void hvpThroughAnInlinedCalleeThatReadsTables() {
    ConstantTables_Grad.Squared g = new ConstantTables_Grad.Squared();
    double[] cDirection = {0.5, -1.0};
    g.hvp(0.7, 1.3, C, 0.2, 1.0, cDirection);
    double[] hv = {g.da, g.db, g.dc[0], g.dc[1]};
    double h = 1e-5;
    ConstantTables_Grad.Squared plus = new ConstantTables_Grad.Squared();
    plus.valueAndGradient(0.7 + 0.2 * h, 1.3 + h,
        new double[] {C[0] + 0.5 * h, C[1] - h});
    ConstantTables_Grad.Squared minus = new ConstantTables_Grad.Squared();
    minus.valueAndGradient(0.7 - 0.2 * h, 1.3 - h,
        new double[] {C[0] - 0.5 * h, C[1] + h});
    double[] fd = {(plus.da - minus.da) / (2 * h), (plus.db - minus.db) / (2 * h),
        (plus.dc[0] - minus.dc[0]) / (2 * h), (plus.dc[1] - minus.dc[1]) / (2 * h)};
    for (int k = 0; k < 4; k++) {
      assertEquals(fd[k], hv[k], 1e-6 * (1 + Math.abs(fd[k])), "Hv[" + k + "]");
    }
  }

  @Test
  void tableElementsPassedToACalleeGetNoAdjointAndTheGradientIsRight() {
    ConstantTables_Grad.SumOfCalls g = new ConstantTables_Grad.SumOfCalls();
    double value = g.valueAndGradient(0.4, -0.3);
    assertEquals(ConstantTables.sumOfCalls(0.4, -0.3), value, 1e-14);
    GradCheck.check(v -> ConstantTables.sumOfCalls(v[0], v[1]), new double[] {0.4, -0.3},
        new double[] {g.da, g.db}).assertWithin(1e-9);
    double jvp = g.jvp(0.4, -0.3, 1.5, -2.0);
    assertEquals(1.5 * g.da - 2.0 * g.db, jvp, 1e-12);
    double[] h = new double[2];
    ConstantTables_Grad.SumOfCalls plus = new ConstantTables_Grad.SumOfCalls();
    ConstantTables_Grad.SumOfCalls minus = new ConstantTables_Grad.SumOfCalls();
    double e = 1e-5;
    plus.valueAndGradient(0.4 + e, -0.3 + e);
    minus.valueAndGradient(0.4 - e, -0.3 - e);
    g.hvp(0.4, -0.3, 1.0, 1.0);
    h[0] = (plus.da - minus.da) / (2 * e);
    h[1] = (plus.db - minus.db) / (2 * e);
    assertEquals(h[0], g.da, 1e-6 * (1 + Math.abs(h[0])));
    assertEquals(h[1], g.db, 1e-6 * (1 + Math.abs(h[1])));
  }
}
